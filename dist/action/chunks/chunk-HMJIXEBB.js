import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
function n(t){return t.slice(Math.max(t.lastIndexOf("/"),t.lastIndexOf("\\"))+1)}function e(t){return n(t).replace(/\.ya?ml$/i,"")}export{n as a,e as b};
