// What the benchmarks call in-process: the core's parse, fold and render steps, bundled on the fly
// by bench/lib/core-bundle.mjs (never imported by the product).
export { parsePlan } from "../core/plan/parse-plan.js";
export { parseLog } from "../core/events/parse-log.js";
export { fold, StateFolder } from "../core/events/fold.js";
export { computeStatusView } from "../core/render/status-view.js";
export { renderStatus } from "../core/render/render-status.js";
export { sealEvent } from "../core/events/serialize-event.js";
export { GENESIS_HASH } from "../core/events/event.js";
