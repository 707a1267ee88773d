/** The GitHub projection: what the sync writes for a milestone, rendered from plan and state. Pure. */
export type * from "./projection.js";
export * from "./markers.js";
export { computeLabels } from "./labels.js";
export { parseDashboardRequests } from "./parse-dashboard-requests.js";
export { renderPlanCheck, type PlanCheckFile } from "./render-plan-check.js";
