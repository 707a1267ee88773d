import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
import{d as a}from"./chunk-XFHLCB7X.js";import"./chunk-H4BJF6T3.js";import"./chunk-F3G3FH2J.js";import"./chunk-KVCMEGHD.js";import"./chunk-RVVFJ6OD.js";import"./chunk-HMJIXEBB.js";import"./chunk-HBE5DQN2.js";export{a as readPlainPlan};
