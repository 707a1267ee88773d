import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
import{k as r}from"./chunk-JJFEDDNE.js";import"./chunk-HBE5DQN2.js";function n(e){return r(e)}export{n as renderSessionFile};
