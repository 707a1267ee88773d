/** The GitHub projection: what the sync writes for a milestone, rendered from plan and state. Pure. */
export type * from "./projection.js";
export * from "./markers.js";
export { computeLabels, isManagedLabel, labelNames, phaseColor } from "./labels.js";
export type { LabelNames, LabelOptions, LabelRole } from "./labels.js";
export { NO_LINKS, issueRef, repoUrl, type IssueLinks } from "./issue-links.js";
export { cutText } from "../render/cut-text.js";
export { renderTaskIssue, type RenderIssueOptions } from "./render-task-issue.js";
export { renderDashboard, type DashboardOptions } from "./render-dashboard.js";
export { renderDependencyGraph } from "./render-dependency-graph.js";
export { parseDashboardRequests } from "./parse-dashboard-requests.js";
export { renderMilestoneDescription } from "./render-milestone-description.js";
export { parsePullRequestLink, type PullRequestLink } from "./parse-pull-request-link.js";
export { renderEscalationComment } from "./render-escalation.js";
export { renderPlanCheck, renderPreview, type PlanCheckFile } from "./render-plan-check.js";
