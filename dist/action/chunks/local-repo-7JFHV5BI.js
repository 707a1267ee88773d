import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
import{b as a}from"./chunk-I6HG35XE.js";import"./chunk-226U3JH7.js";import"./chunk-4OQDFHPO.js";import"./chunk-FURFQUTW.js";import"./chunk-HBE5DQN2.js";export{a as LocalRepo};
