import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
import{k as a,l as b}from"./chunk-X6WZJRFA.js";import"./chunk-QXIDYDGD.js";import"./chunk-HBE5DQN2.js";export{b as getPlan,a as parsePlan};
