import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
var e=class extends Error{name="ImportSpecError"};export{e as a};
