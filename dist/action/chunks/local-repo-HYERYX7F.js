import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
import{b as a,c as b}from"./chunk-DSFEGQ3F.js";import"./chunk-YBS2Y5JI.js";import"./chunk-4OQDFHPO.js";import"./chunk-FURFQUTW.js";import"./chunk-HBE5DQN2.js";export{b as LocalRepo,a as USER_SETTINGS};
