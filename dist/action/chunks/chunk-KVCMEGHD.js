import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
import{j as e}from"./chunk-RVVFJ6OD.js";var o={ms:1,s:1e3,m:6e4,h:36e5,d:864e5,w:6048e5},_=366*o.d;function m(r){if(!e.test(r))return;let n=0;for(let t of r.matchAll(/(\d+)(ms|s|m|h|d|w)/g))n+=Number(t[1])*o[t[2]];return n>0&&n<=_?n:void 0}export{m as a};
