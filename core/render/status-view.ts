import type { LogEvent } from "../events/event.js";
import type { Blocker, MilestoneState, MilestoneStatus, TaskStatus } from "../events/state.js";
import type { Plan } from "../plan/plan.js";

/** The milestone as every dashboard shows it: the `--json` shape of `phasegate status`. */
export interface StatusView {
  milestone: {
    id: string;
    title: string;
    status: MilestoneStatus;
    progress: number;
    branch: string;
    tasks_completed: number;
    tasks_total: number;
    due: string | null;
  };
  tasks: TaskView[];
  ready: string[];
  blockers: Blocker[];
  claims: { task: string; by: string; expires_at: string; expired: boolean }[];
  sessions: { id: string; saved_at: string; reason: string; file: string }[];
  recent: { seq: number; timestamp: string; event: string; actor: string; task_id?: string; phase?: string }[];
  log: {
    events: number;
    head: string;
    verified: boolean;
    problem: string | null;
    /** What the audit found: transitions the rules or the recorded plan version did not allow (`line N: …`). */
    problems: string[];
  };
}

export interface TaskView {
  id: string;
  title: string;
  status: TaskStatus;
  phase: string | null;
  progress: number;
  on_hold: boolean;
  claimed_by: string | null;
  waiting_for: string[];
  /** The active phase's deliverables validated at the last look and its gate waits for an approval. */
  awaiting_approval: boolean;
  /** Why the active gate waits: the rule, the approvals that count, who can give the missing ones; null when none waits or unknown. */
  gate: string | null;
  phases: { id: string; weight: number; approval_required: boolean; status: string; approvals: string[] }[];
}

/** Pure projection of plan + state into the view (no I/O; `now` decides which claims expired). */
export function computeStatusView(
  plan: Plan,
  state: MilestoneState,
  now: Date,
  logProblem?: { line: number; message: string },
  findings: readonly { line: number; message: string }[] = [],
  /** Each waiting gate in one line (explainGates), by task id. */
  gates?: ReadonlyMap<string, { line: string }>,
): StatusView {
  const statusOf = new Map(state.tasks.map((t) => [t.id, t.status]));
  const tasks: TaskView[] = plan.tasks.map((task, i) => {
    const t = state.tasks[i]!;
    return {
      id: task.id,
      title: task.title,
      status: t.status,
      phase: t.phase ?? null,
      progress: t.progress,
      on_hold: Boolean(t.hold),
      claimed_by: t.claim?.by ?? null,
      waiting_for: task.dependencies.filter((d) => statusOf.get(d) !== "completed"),
      awaiting_approval: awaitingApproval(task, t),
      gate: gates?.get(task.id)?.line ?? null,
      phases: task.phases.map((p, j) => ({
        id: p.id,
        weight: p.weight,
        approval_required: p.approvalRequired,
        status: t.phases[j]?.status ?? "pending",
        approvals: t.phases[j]?.approvals.map((a) => a.by) ?? [],
      })),
    };
  });
  return {
    milestone: {
      id: plan.id,
      title: plan.title,
      status: state.status,
      progress: Math.round(state.progress * 10) / 10,
      branch: plan.branch,
      tasks_completed: tasks.filter((t) => t.status === "completed").length,
      tasks_total: tasks.length,
      due: plan.due ?? null,
    },
    tasks,
    ready: tasks.filter((t) => t.status === "ready").map((t) => t.id),
    blockers: state.blockers,
    claims: state.tasks.flatMap((t) =>
      t.claim
        ? [
            {
              task: t.id,
              by: t.claim.by,
              expires_at: t.claim.expiresAt,
              expired: Date.parse(t.claim.expiresAt) <= now.getTime(),
            },
          ]
        : [],
    ),
    sessions: state.sessions.slice(-5).map((s) => ({ id: s.id, saved_at: s.savedAt, reason: s.reason, file: s.file })),
    recent: state.recent.map(recentOf),
    log: {
      events: state.seq,
      head: state.head,
      verified: !logProblem,
      problem: logProblem ? `tampered at line ${logProblem.line}: ${logProblem.message}` : null,
      problems: findings.map((f) => f.message),
    },
  };
}

/**
 * The active phase's deliverables validated at the last look and its gate still waits: the phase
 * completes as soon as its rule is met, so an active validated gate is one whose rule is not.
 */
export function awaitingApproval(task: Plan["tasks"][number], t: MilestoneState["tasks"][number]): boolean {
  const index = task.phases.findIndex((p) => p.id === t.phase);
  const phase = t.phases[index];
  return Boolean(task.phases[index]?.approvalRequired && phase?.status === "active" && phase.validatedDigest);
}

function recentOf(e: LogEvent): StatusView["recent"][number] {
  return {
    seq: e.seq,
    timestamp: e.timestamp,
    event: e.event,
    actor: e.actor,
    ...(e.task_id && { task_id: e.task_id }),
    ...(e.phase && { phase: e.phase }),
  };
}
