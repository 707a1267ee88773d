import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
var a=class extends Error{issues;constructor(e,t){super(e.map(o).join(`
`),t),this.name="PlanError",this.issues=e}};function o(n){let e=n.hint?` (hint: ${n.hint})`:"";return`${n.file}:${n.line}:${n.column}: ${n.severity}: ${n.message}${e}`}export{a,o as b};
