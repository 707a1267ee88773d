import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
import{j as r}from"./chunk-WSEDLJV5.js";import"./chunk-HBE5DQN2.js";function n(e){return r(e)}export{n as renderSessionFile};
