/**
 * Phasegate's core: every rule; pure except the use cases, which reach the world only through the
 * ports (ports.ts). Shells and github/ reach the core only through this module; local/ may also take
 * its leaf modules, so its adapters load on their own (eslint.config.js). It exports only what they
 * use: knip (`npm run lint`) reports an export nobody imports.
 */
export type {
  BranchChecks,
  CiSignal,
  Clock,
  CheckState,
  CommitInput,
  CommitReach,
  ConflictReport,
  FileChange,
  FileReader,
  FileSnapshot,
  FileTail,
  HeldBack,
  Forge,
  Logger,
  Progress,
  PullRequestInfo,
  LogWitness,
  PlanCache,
  Repo,
  Revision,
  ReadHint,
  Snapshot,
  StepWrite,
  TestRunner,
  Tracker,
  TrustedPrefix,
  WorkTree,
  WriteResult,
} from "./ports.js";
export type * from "./projection/projection.js";

// plan
export type { Permission } from "./plan/plan.js";
export { PlanError, formatPlanIssue, type PlanIssue } from "./plan/plan-error.js";
export { parsePlan } from "./plan/parse-plan.js";
// repository settings (.github/phasegate.yml)
export { SETTINGS_PATH } from "./settings/settings-path.js";
export { parseDuration } from "./plan/parse-duration.js";

// events and state
export { type LogEvent } from "./events/event.js";
export { parseLog, type LogProblem, type LogVisitor } from "./events/parse-log.js";
export { sealEvent } from "./events/serialize-event.js";
export { fold, StateFolder } from "./events/fold.js";
export { mergeLogs } from "./events/merge-logs.js";
export type { RowsSource } from "./events/lazy-rows.js";
export type { Blocker } from "./events/state.js";

// interop: Kiro, cc-sdd, spec-workflow and Spec Kit files
export {
  parseTaskList,
  inferDependencies,
  traceRequirements,
  type Trace,
  type TaskList,
  type TaskItem,
} from "./interop/index.js";
export { ImportSpecError } from "./interop/import-spec.js";

// commands
export { CommandRefused, type NextStep } from "./commands/command-refused.js";
export { parseCommands, type ParsedCommand } from "./commands/parse-command.js";
export { renderRefusalComment } from "./commands/render-comment-reply.js";
// GitHub projection: markers, labels, task issues, the dashboard
export * from "./projection/index.js";

// render
export { type StatusView } from "./render/status-view.js";
export { renderStatus } from "./render/render-status.js";
export { renderSummary, markdownText, renderCodeBlock } from "./render/render-summary.js";
export { renderDeliverableChanges } from "./render/render-deliverable-changes.js";
export { renderEvent } from "./render/render-event.js";
export { renderSyncPreview, countSyncWrites } from "./projection/render-sync-preview.js";
export { renderPartialSync, renderSyncReport } from "./projection/render-sync-report.js";
export { renderScanFailure, renderScanReport } from "./projection/render-scan-report.js";

// use cases
export type { Context } from "./use-cases/context.js";
export { MilestoneHandle, STEP_COMMIT } from "./use-cases/milestone-handle.js";
export { auditMilestone, MilestoneAudit } from "./use-cases/audit-milestone.js";
export { checkLogAnchor } from "./use-cases/check-log-anchor.js";
export { checkLogHistory } from "./use-cases/check-log-history.js";
export { checkSessionMarks } from "./use-cases/check-session-marks.js";
export { checkLastCheckpoint } from "./use-cases/lost-checkpoint.js";
export { planInit, InitRefused, type InitFile, type InitPlan } from "./init/plan-init.js";
export {
  listPlanFiles,
  logPath,
  milestoneIdOf,
  planPaths as planCandidatePaths,
  sessionPath,
  PLAN_DIRS,
} from "./use-cases/find-plan.js";
export { checkPlanFiles } from "./use-cases/check-plan-files.js";
export { validateFiles, type ValidatedFile } from "./use-cases/validate-files.js";
export { SYMLINK_IN_GIT } from "./plan/symlink-in-git.js";
export { activate } from "./use-cases/activate.js";
export { pause } from "./use-cases/pause.js";
export { resume } from "./use-cases/resume.js";
export { execute } from "./use-cases/execute.js";
export { advance, type AdvanceReport } from "./use-cases/advance.js";
export { explainTask, renderExplanation } from "./use-cases/explain-task.js";
export { approve } from "./use-cases/approve.js";
export { cancelApproval } from "./use-cases/cancel-approval.js";
export { reject } from "./use-cases/reject.js";
export { claim, release } from "./use-cases/claim.js";
export { setHold } from "./use-cases/set-hold.js";
export { startTask } from "./use-cases/start-task.js";
export { scan, type ScanReport } from "./use-cases/scan.js";
export { repairLog, type LogRepair } from "./use-cases/repair-log.js";
export { checkpoint } from "./use-cases/checkpoint.js";
export { checkpointRemote } from "./use-cases/checkpoint-remote.js";
export { GATE_CHECK, judgeMergeGate, type MergeGateInput, type OpenMilestone } from "./use-cases/judge-merge-gate.js";
export { ensureCheckRun } from "./use-cases/ensure-check-run.js";
export { findPassedTaskGates } from "./rules/find-passed-task-gates.js";
export { findTaskPulls } from "./use-cases/find-task-pulls.js";
export { answerOverride } from "./use-cases/answer-override.js";
export { PHASE_CHECK } from "./use-cases/check-phase.js";
export { judgePullRequest, type PullRequestFacts, type PullRequestVerdict } from "./use-cases/judge-pull-request.js";
export type { SyncOptions } from "./use-cases/sync-base.js";
export { sync, type SyncReport } from "./use-cases/sync.js";
export { scanAndEscalate } from "./use-cases/scan-and-escalate.js";
export { importPlan, importSpecsPlan, PlanExists, type ImportFiles } from "./use-cases/import-plan.js";
export { findBranchMilestones } from "./use-cases/find-branch-milestones.js";
export { answerCommands, type Answer, type PassedTaskGates } from "./use-cases/answer-commands.js";
export { findTarget, type CommandTarget } from "./use-cases/find-target.js";
export { acknowledge, claimComment, findReply, reply } from "./use-cases/reply-once.js";
export { TASK_ID_PATTERN, MILESTONE_ID_PATTERN, APPROVER_PATTERN } from "./plan/plan-patterns.js";
export { renderJsonSchema } from "./plan/render-json-schema.js";
export { migratePlan } from "./plan/migrate-plan.js";
