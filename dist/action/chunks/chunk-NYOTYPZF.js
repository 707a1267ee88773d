import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
var t=".github/phasegate.yml";export{t as a};
