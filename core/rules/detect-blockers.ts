import type { LogProblem } from "../events/parse-log.js";
import type { Blocker, MilestoneState, TaskState } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import type { CheckState, ConflictReport } from "./check-state.js";

/** Facts the scan gathered from the world; every field optional so each shell gives what it has. */
export interface BlockerFacts {
  now: Date;
  checks?: CheckState;
  conflicts?: ConflictReport;
  /** Percentage of the disk in use. */
  diskUsage?: number;
  logProblem?: LogProblem;
  /** Where the log stops holding the events Phasegate anchored outside the branch (ADR 19). */
  anchorProblem?: LogProblem;
  /** Transitions the audit found the rules did not allow (see auditLog). */
  auditFindings?: readonly LogProblem[];
  /** Required milestones that are not completed. */
  unmetRequirements?: { id: string; status: string }[];
}

export const DISK_LIMIT = 90;

/** Every blocker that holds now. Pure: the same plan, state and facts always give the same list. */
export function detectBlockers(plan: Plan, state: MilestoneState, facts: BlockerFacts): Blocker[] {
  const blockers: Blocker[] = [];
  const add = (b: Blocker) => blockers.push(b);
  if (facts.logProblem) {
    add({
      id: "log_tampered",
      type: "log_tampered",
      message: `event log tampered at line ${facts.logProblem.line}: ${facts.logProblem.message}`,
    });
  }
  if (facts.anchorProblem) {
    add({
      id: "log_anchor",
      type: "log_tampered",
      message: `event log differs from the head Phasegate anchored: ${facts.anchorProblem.message}`,
    });
  }
  const [first, ...more] = facts.auditFindings ?? [];
  if (first) {
    const rest = more.length > 0 ? ` (and ${more.length} more: phasegate verify ${plan.id})` : "";
    add({ id: "log_audit", type: "log_tampered", message: `event log audit: ${first.message}${rest}` });
  }
  if (facts.checks?.state === "failure")
    add({ id: "test_failures", type: "test_failures", message: facts.checks.summary });
  if (facts.conflicts && facts.conflicts.items.length > 0) {
    add({ id: "git_conflicts", type: "git_conflicts", message: facts.conflicts.summary });
  }
  if (facts.diskUsage !== undefined && facts.diskUsage > DISK_LIMIT) {
    add({ id: "disk_space", type: "disk_space", message: `disk ${facts.diskUsage}% full (limit ${DISK_LIMIT}%)` });
  }
  if (state.status === "in_progress" || state.status === "blocked") {
    for (const m of facts.unmetRequirements ?? []) {
      add({
        id: `milestone_dependency:${m.id}`,
        type: "milestone_dependency",
        message: `required milestone ${m.id} is ${m.status}`,
      });
    }
  }
  plan.tasks.forEach((task, i) =>
    detectTaskBlockers(plan, task.id, state.tasks[i] as TaskState, state, facts.now, add),
  );
  return blockers;
}

function detectTaskBlockers(
  plan: Plan,
  taskId: string,
  t: TaskState,
  state: MilestoneState,
  now: Date,
  add: (b: Blocker) => void,
): void {
  const task = plan.tasks.find((x) => x.id === taskId);
  if (!task || t.status !== "in_progress") return;
  const done = (id: string) => state.tasks.find((x) => x.id === id)?.status === "completed";
  for (const dep of task.dependencies.filter((d) => !done(d))) {
    add({
      id: `task_dependency:${taskId}:${dep}`,
      type: "task_dependency",
      taskId,
      message: `${taskId} is in progress but depends on ${dep}, which is not completed`,
    });
  }
  const phase = task.phases.find((p) => p.id === t.phase);
  const started = t.phases.find((p) => p.id === t.phase)?.startedAt;
  if (phase?.timeLimitMs !== undefined && started && now.getTime() - Date.parse(started) > phase.timeLimitMs) {
    const hours = Math.round((now.getTime() - Date.parse(started)) / 36e5);
    add({
      id: `long_running_task:${taskId}:${phase.id}`,
      type: "long_running_task",
      taskId,
      message: `${taskId} has been in ${phase.id} for ${hours} h, over its limit`,
    });
  }
  if (t.claim && Date.parse(t.claim.expiresAt) <= now.getTime()) {
    add({
      id: `claim_expired:${taskId}:${t.claim.at}`,
      type: "claim_expired",
      taskId,
      message: `${t.claim.by}'s claim on ${taskId} expired at ${t.claim.expiresAt}`,
    });
  }
}
