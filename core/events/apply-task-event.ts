import type { Task } from "../plan/plan.js";
import type { LogEvent } from "./event.js";
import type { Approval, Claim, PhaseState, TaskState } from "./state.js";

/**
 * Apply one task-scoped event to a task's state (mutating it). Returns why the event was ignored,
 * or undefined. Events that do not fit the current plan are ignored, never fatal: plans change.
 */
export function applyTaskEvent(task: Task, t: TaskState, event: LogEvent): string | undefined {
  const d = event.details;
  const at = event.timestamp;
  switch (event.event) {
    case "task_claimed":
      addAuthor(t, event.actor);
      if (t.claim && losesTo(t.claim, event))
        return `${task.id} is claimed by ${t.claim.by} since ${t.claim.at} (the earlier claim wins)`;
      t.claim = { by: event.actor, at, expiresAt: String(d.expires_at ?? at) };
      return;
    case "task_released":
      delete t.claim;
      return;
    case "task_held":
      t.hold = { by: event.actor, at, reason: String(d.reason ?? "") };
      return;
    case "task_unheld":
      delete t.hold;
      return;
    case "kiro_task_completed":
      t.status = "completed";
      t.completedAt = at;
      delete t.phase;
      delete t.claim;
      return;
  }
  const phase = t.phases.find((p) => p.id === event.phase);
  if (!phase) return `phase "${event.phase ?? ""}" is not in task ${task.id}'s workflow`;
  return applyPhaseEvent(t, phase, event);
}

function applyPhaseEvent(t: TaskState, phase: PhaseState, event: LogEvent): string | undefined {
  const d = event.details;
  const at = event.timestamp;
  switch (event.event) {
    case "phase_started":
      if (d.by_hand === true) addAuthor(t, event.actor);
      t.status = "in_progress";
      t.startedAt ??= at;
      t.phase = phase.id;
      phase.status = "active";
      phase.startedAt = at;
      return;
    case "deliverables_validated":
      phase.validatedDigest = String(d.digest ?? "");
      return;
    case "phase_approved": {
      phase.approvals = phase.approvals.filter((a) => a.by !== event.actor);
      if (phase.revoked) phase.revoked = phase.revoked.filter((by) => by !== event.actor);
      if (phase.earlier) phase.earlier = phase.earlier.filter((a) => a.by !== event.actor);
      const files = recordedFiles(d.files);
      phase.approvals.push({
        by: event.actor,
        role: String(d.role ?? "approver"),
        at,
        seq: event.seq,
        commit: String(d.commit ?? ""),
        tree: String(d.tree ?? ""),
        digest: String(d.digest ?? ""),
        ...(files && { files }),
        via: String(d.via ?? "cli"),
      });
      return;
    }
    case "phase_rejected":
      // A rejection stands against every earlier approval of the phase: it needs a fresh look.
      keepEarlier(phase, phase.approvals);
      phase.approvals = [];
      phase.rejections.push({ by: event.actor, at, reason: String(d.reason ?? "") });
      return;
    case "approval_revoked": {
      const who = typeof d.approver === "string" ? d.approver : undefined;
      const gone = phase.approvals.filter((a) => !who || a.by === who).map((a) => a.by);
      keepEarlier(
        phase,
        phase.approvals.filter((a) => gone.includes(a.by)),
      );
      phase.approvals = who ? phase.approvals.filter((a) => a.by !== who) : [];
      // Said in status and on the task issue until they approve again.
      if (d.digest !== undefined) phase.revoked = [...new Set([...(phase.revoked ?? []), ...gone])];
      return;
    }
    case "phase_completed":
      phase.status = "completed";
      phase.completedAt = at;
      if (t.phase === phase.id) delete t.phase;
      return;
    default:
      return `event "${event.event}" does not apply to a task`;
  }
}

/** Approvals that stop counting are kept, the last per approver, as what each of them last saw. */
function keepEarlier(phase: PhaseState, approvals: readonly Approval[]): void {
  if (approvals.length === 0) return;
  const by = new Set(approvals.map((a) => a.by));
  phase.earlier = [...(phase.earlier ?? []).filter((a) => !by.has(a.by)), ...approvals];
}

/** The `files` an approval recorded, when they have the recorded shape. */
function recordedFiles(value: unknown): Approval["files"] {
  if (!Array.isArray(value)) return undefined;
  const files: NonNullable<Approval["files"]> = [];
  for (const f of value as unknown[]) {
    const { path, version } = (f ?? {}) as { path?: unknown; version?: unknown };
    if (typeof path !== "string" || (typeof version !== "string" && version !== null)) return undefined;
    files.push({ path, version });
  }
  return files;
}

/**
 * Two live claims by different people can only meet after two clones' logs were merged (the claim
 * command refuses a claimed task). Resolved the same way whatever order the merge put them in: the
 * earlier claim wins, then the login that sorts first (ADR 10).
 */
function losesTo(held: Claim, event: LogEvent): boolean {
  const by = event.actor.toLowerCase();
  if (held.by.toLowerCase() === by || Date.parse(held.expiresAt) <= Date.parse(event.timestamp)) return false;
  if (held.at !== event.timestamp) return held.at < event.timestamp;
  return held.by.toLowerCase() < by;
}

function addAuthor(t: TaskState, actor: string): void {
  const login = actor.toLowerCase();
  if (!t.authors.includes(login)) t.authors.push(login);
}
