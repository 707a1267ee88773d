/**
 * Phasegate's core: every rule; pure except the use cases, which reach the world only through the
 * ports (ports.ts). Shells and github/ reach the core only through this module; local/ may also take
 * its leaf modules, so its adapters load on their own (eslint.config.js).
 */
export type {
  BranchChecks,
  CiSignal,
  Clock,
  CheckState,
  CommitInput,
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
export type { Deliverable, FileChecks, Phase, Plan, PlanSettings, Permission, Task } from "./plan/plan.js";
export { PlanError, formatPlanIssue, type PlanIssue } from "./plan/plan-error.js";
export { parsePlan } from "./plan/parse-plan.js";
// repository settings (.github/phasegate.yml)
export { parseRepositorySettings, SETTINGS_PATH } from "./settings/parse-repository-settings.js";
export type { RepositorySettings } from "./settings/repository-settings.js";
export { mergeSettings, BUILT_IN_SETTINGS } from "./settings/merge-settings.js";
export { parseDuration } from "./plan/parse-duration.js";

// events and state
export { EVENT_NAMES, GENESIS_HASH, type EventName, type LogEvent, type NewEvent } from "./events/event.js";
export { parseLog, normaliseLog, type LogProblem, type LogVisitor, type ParsedLog } from "./events/parse-log.js";
export { sealEvent, serializeEvent, hashText } from "./events/serialize-event.js";
export { fold, StateFolder } from "./events/fold.js";
export { auditLog, type ResolvePlan } from "./events/audit-log.js";
export { checkLogGrowth, type LogGrowth } from "./events/check-log-growth.js";
export { mergeLogs, identityOf, type MergeLogsOptions, type MergeLogsResult } from "./events/merge-logs.js";
export type { Blocker, MilestoneState, MilestoneStatus, TaskState, TaskStatus } from "./events/state.js";

// rules
export { detectBlockers, type BlockerFacts } from "./rules/detect-blockers.js";
export { looksLikeSecret } from "./rules/looks-like-secret.js";

// interop: Kiro, cc-sdd, spec-workflow and Spec Kit files
export {
  parseTaskList,
  setTaskState,
  inferDependencies,
  parseRequirements,
  traceRequirements,
  type Trace,
  type TaskList,
  type TaskItem,
  type TaskItemState,
  type Flavour,
} from "./interop/index.js";
export { importSpec, ImportSpecError } from "./interop/import-spec.js";

// commands
export {
  CommandRefused,
  describeStep,
  type NextStep,
  type RefusalOptions,
  type Verb,
} from "./commands/command-refused.js";
export {
  parseCommands,
  type ParsedCommand,
  type ParseCommandOptions,
  type PlainVerb,
  type CommandVerb,
} from "./commands/parse-command.js";
export { renderHelp, type HelpPolicy } from "./commands/render-help.js";
export { renderRefusalComment, renderResultComment, renderNextStep } from "./commands/render-comment-reply.js";
export {
  limitCommands,
  MAX_COMMANDS_PER_COMMENT,
  MAX_REPLY_CHARS,
  renderCommandsReply,
  type StoppedAt,
} from "./commands/limit-commands.js";

// GitHub projection: markers, labels, task issues, the dashboard
export * from "./projection/index.js";

// render
export { computeStatusView, type StatusView, type TaskView } from "./render/status-view.js";
export { renderStatus, renderBar } from "./render/render-status.js";
export { renderSummary, renderBlockerList, markdownText, renderCodeBlock } from "./render/render-summary.js";
export { renderDeliverableChanges, type DeliverableChanges } from "./render/render-deliverable-changes.js";
export { diffLines, type LineDiff } from "./render/diff-lines.js";
export { renderEvent } from "./render/render-event.js";
export { renderSyncPreview, countSyncWrites } from "./projection/render-sync-preview.js";
export { scanFences, type FencedLine } from "./render/scan-fences.js";
export { HIDDEN, readVisibleLines, type VisibleLine } from "./render/read-visible-lines.js";
export { defuseMarkdown } from "./render/defuse-markdown.js";
export { findRecordedCommands } from "./events/find-recorded-commands.js";

// use cases
export type { Context } from "./use-cases/context.js";
export { MilestoneHandle, STEP_COMMIT, type Decide, type Decision } from "./use-cases/milestone-handle.js";
export { LOG_ATTRIBUTES, addLogAttributes } from "./use-cases/add-log-attributes.js";
export { auditMilestone, MilestoneAudit } from "./use-cases/audit-milestone.js";
export { checkLogAnchor, type AnchorCheck, type LogAnchor } from "./use-cases/check-log-anchor.js";
export { checkLogHistory, type EvidenceCheck } from "./use-cases/check-log-history.js";
export { checkSessionMarks } from "./use-cases/check-session-marks.js";
export { planInit, InitRefused, type InitInput, type InitFile, type InitPlan } from "./init/plan-init.js";
export { ACTION_USES_PATTERN } from "./init/adapt-workflow.js";
export { retryDelay } from "./use-cases/retry-delay.js";
export {
  AmbiguousPlan,
  findAmbiguousPlans,
  findPlan,
  listPlanFiles,
  logPath,
  milestoneIdOf,
  sessionPath,
  PLAN_DIRS,
} from "./use-cases/find-plan.js";
export { activate } from "./use-cases/activate.js";
export { pause } from "./use-cases/pause.js";
export { resume } from "./use-cases/resume.js";
export { execute, type ExecuteReport } from "./use-cases/execute.js";
export { advance, type AdvanceReport, type Waiting } from "./use-cases/advance.js";
export { explainTask, renderExplanation, type Explanation } from "./use-cases/explain-task.js";
export { approve, type ApproveResult } from "./use-cases/approve.js";
export { cancelApproval } from "./use-cases/cancel-approval.js";
export { reject } from "./use-cases/reject.js";
export { claim, release } from "./use-cases/claim.js";
export { setHold } from "./use-cases/set-hold.js";
export { startTask } from "./use-cases/start-task.js";
export { scan, type ScanReport } from "./use-cases/scan.js";
export { repairLog, type LogRepair } from "./use-cases/repair-log.js";
export { checkpoint, type CheckpointResult } from "./use-cases/checkpoint.js";
export {
  checkpointRemote,
  type RemoteCheckpointInput,
  type RemoteCheckpointResult,
} from "./use-cases/checkpoint-remote.js";
export {
  GATE_CHECK,
  judgeMergeGate,
  type MergeGateInput,
  type MergeGateVerdict,
} from "./use-cases/judge-merge-gate.js";
export { overrideGate, type OverrideGateResult } from "./use-cases/override-gate.js";
export { ensureCheckRun } from "./use-cases/ensure-check-run.js";
export { findPassedTaskGates } from "./rules/find-passed-task-gates.js";
export { findTaskPulls, type TaskPull } from "./use-cases/find-task-pulls.js";
export { answerOverride, type OverrideAnswer } from "./use-cases/answer-override.js";
export { checkPhase, findTaskLink, PHASE_CHECK, type PhaseCheck, type TaskLink } from "./use-cases/check-phase.js";
export {
  acceptPullRequestLink,
  judgePullRequest,
  type AcceptedLink,
  type PullRequestFacts,
  type PullRequestStanding,
  type PullRequestVerdict,
} from "./use-cases/judge-pull-request.js";
export { sync, type SyncOptions, type SyncReport } from "./use-cases/sync.js";
export { projectEscalation, STATUS_CONTEXT } from "./use-cases/project-escalation.js";
export { saveSession, type SessionSnapshot } from "./use-cases/save-session.js";
export {
  importPlan,
  importSpecsPlan,
  PlanExists,
  SPEC_FILES,
  SPEC_FOLDER_FILES,
  type ImportSpecsPlanResult,
  type ImportFiles,
  type ImportPlanResult,
} from "./use-cases/import-plan.js";
export { requirePermission } from "./use-cases/require-permission.js";
export { authorize } from "./use-cases/authorize.js";
export { findBranchMilestones } from "./use-cases/find-branch-milestones.js";
export { runCommand, type CommandOutcome, type CommandOptions } from "./use-cases/run-command.js";
export { answerCommands, type Answer, type AnswerOptions } from "./use-cases/answer-commands.js";
export { findTarget, type CommandTarget, type IssueLike } from "./use-cases/find-target.js";
export {
  acknowledge,
  claimComment,
  CLAIM_FRESH_MS,
  findReply,
  reply,
  type ReplyScope,
} from "./use-cases/reply-once.js";
export { COMMANDS, type CommandName, type CommandRule, type Needs } from "./commands/command-table.js";
export { TASK_ID_PATTERN, MILESTONE_ID_PATTERN, APPROVER_PATTERN } from "./plan/plan-patterns.js";
export { renderJsonSchema } from "./plan/render-json-schema.js";
export { migratePlan } from "./plan/migrate-plan.js";
