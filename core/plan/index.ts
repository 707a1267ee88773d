/** The plan format, version 1: parse, validate, migrate, and the editor schema. */
export { parsePlan, getPlan, type ParsePlanOptions, type ParsePlanResult } from "./parse-plan.js";
export { migratePlan, type MigrateOptions, type MigrateResult } from "./migrate-plan.js";
export { renderJsonSchema, PLAN_SCHEMA_ID } from "./render-json-schema.js";
export { planSchema, type PlanInput } from "./plan-schema.js";
export { parseDuration } from "./parse-duration.js";
export { didYouMean } from "./did-you-mean.js";
export { slugify } from "./slugify.js";
export { explainRepoPath } from "./explain-repo-path.js";
export { explainBranchName } from "./explain-branch-name.js";
export { PlanError, formatPlanIssue, type PlanIssue, type PlanIssueCode } from "./plan-error.js";
export * from "./plan.js";
export { WORKFLOW_PRESETS, KIRO_PRESET, DEFAULT_WORKFLOW, findPreset, type WorkflowPreset } from "./presets.js";
export { resolvePhases, fillPlaceholders, type PhaseOverride, type PhaseContext } from "./resolve-phases.js";
