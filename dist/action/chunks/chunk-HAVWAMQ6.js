import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);
async function s(a,n,r={}){return(await import("./read-plain-plan-OO3XMZCD.js")).readPlainPlan(a,n,r)??(await import("./parse-plan-4V63XOCK.js")).parsePlanWithPositions(a,n,r)}export{s as a};
