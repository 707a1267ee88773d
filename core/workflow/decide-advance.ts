import type { NewEvent } from "../events/event.js";
import type { MilestoneState, TaskState } from "../events/state.js";
import type { Phase, Plan, Task } from "../plan/plan.js";
import { gateRule } from "../plan/approval-rule.js";
import { evaluateGate, type GateFacts } from "../rules/evaluate-gate.js";

/** What the engine can do next for one task: start it, or look at its active phase. */
export type AdvanceStep = { task: Task; kind: "start" } | { task: Task; kind: "evaluate"; phase: Phase };

/** The deliverables verdict `decidePhase` needs (see use-cases/evaluate-phase.ts). */
export interface PhaseVerdict {
  ok: boolean;
  digest: string;
  files: { path: string; version: string | null }[];
}

/**
 * Tasks that might move now, in plan order. Held and completed tasks never move by themselves, and
 * ready tasks start only where the plan lets them (`auto_start`; otherwise `start` or `claim`).
 */
export function findAdvanceSteps(plan: Plan, state: MilestoneState, skip: ReadonlySet<string>): AdvanceStep[] {
  if (state.status !== "in_progress") return [];
  const steps: AdvanceStep[] = [];
  plan.tasks.forEach((task, i) => {
    const t = state.tasks[i] as TaskState;
    if (skip.has(task.id) || t.hold || t.status === "completed") return;
    if (t.status === "ready" && plan.settings.autoStart) steps.push({ task, kind: "start" });
    const phase = task.phases.find((p) => p.id === t.phase);
    if (t.status === "in_progress" && phase) steps.push({ task, kind: "evaluate", phase });
  });
  return steps;
}

/** Start a ready task's first phase (re-checked against `state`, which may be newer than the step). */
export function decideStart(state: MilestoneState, task: Task, actor: string): NewEvent[] {
  const t = findTaskState(state, task.id);
  const first = task.phases[0];
  if (state.status !== "in_progress" || t?.status !== "ready" || t.hold || !first) return [];
  return [{ event: "phase_started", actor, task_id: task.id, phase: first.id }];
}

/**
 * Given the verdict on the active phase's deliverables: record a new validation, drop approvals
 * that no longer match what is there, and complete the phase when it passes and its gate (if any)
 * has what its rule asks (evaluateGate). Never approves anything itself.
 */
export function decidePhase(
  plan: Plan,
  state: MilestoneState,
  task: Task,
  phase: Phase,
  verdict: PhaseVerdict,
  actor: string,
  /**
   * The gate's facts (memberships, code owners, authors), needed when the phase has approvals of
   * these deliverables; `approvedNow`: who approves exactly these deliverables in the same step
   * (approve + complete: one write).
   */
  gate?: { facts: GateFacts; approvedNow?: string },
  /** Tasks completed in `state`, when the caller keeps count (counting them is a pass over every task). */
  completedTasks?: number,
): NewEvent[] {
  const t = findTaskState(state, task.id);
  const p = t?.phases.find((s) => s.id === phase.id);
  if (!t || !p || p.status !== "active" || !verdict.ok) return [];
  const ids = { task_id: task.id, phase: phase.id };
  const events: NewEvent[] = [];
  if (p.validatedDigest !== verdict.digest) {
    events.push({
      event: "deliverables_validated",
      actor,
      ...ids,
      details: { digest: verdict.digest, files: verdict.files },
    });
  }
  if (phase.approvalRequired) {
    const fits = (digest: string) => phase.onChange === "keep" || digest === verdict.digest;
    const current = p.approvals.filter((a) => fits(a.digest));
    // One revocation per approval of other deliverables: approvals of exactly these stay.
    for (const stale of p.approvals.filter((a) => !fits(a.digest))) {
      events.push({
        event: "approval_revoked",
        actor,
        ...ids,
        details: {
          approver: stale.by,
          reason: "the deliverables changed after approval",
          digest: verdict.digest,
          approved_digest: stale.digest,
        },
      });
    }
    const approvers = current.map((a) => a.by);
    if (gate?.approvedNow && !approvers.includes(gate.approvedNow)) approvers.push(gate.approvedNow);
    if (approvers.length === 0 || !gate) return events;
    if (!evaluateGate(gateRule(plan, task, phase), approvers, gate.facts).passed) return events;
  }
  return [...events, ...decideCompletion(plan, state, task, phase, actor, completedTasks)];
}

/** Positions of task ids in a state's task list (the plan's order), built once per list. */
const positions = new WeakMap<readonly TaskState[], Map<string, number>>();

/** A task's state by id, without a scan per lookup (the engine decides thousands of steps on one state). */
function findTaskState(state: MilestoneState, id: string): TaskState | undefined {
  let index = positions.get(state.tasks);
  if (!index) positions.set(state.tasks, (index = new Map(state.tasks.map((t, i) => [t.id, i]))));
  const t = state.tasks[index.get(id) ?? -1];
  // Ids never move within one list; a list changed in place since would be found by a scan.
  return t?.id === id ? t : state.tasks.find((s) => s.id === id);
}

function decideCompletion(
  plan: Plan,
  state: MilestoneState,
  task: Task,
  phase: Phase,
  actor: string,
  completedTasks?: number,
): NewEvent[] {
  const events: NewEvent[] = [{ event: "phase_completed", actor, task_id: task.id, phase: phase.id }];
  const next = task.phases[task.phases.findIndex((p) => p.id === phase.id) + 1];
  if (next) events.push({ event: "phase_started", actor, task_id: task.id, phase: next.id });
  else
    events.push({
      event: "kiro_task_completed",
      actor,
      task_id: task.id,
      details: { phases_completed: task.phases.length },
    });
  const completed = (completedTasks ?? state.tasks.filter((s) => s.status === "completed").length) + (next ? 0 : 1);
  const total = plan.tasks.length;
  const percentage = round1((state.progress * total + phase.weight) / total);
  events.push({
    event: "progress_updated",
    actor,
    details: { percentage, completed_tasks: completed, total_tasks: total },
  });
  if (!next && completed === total) events.push({ event: "milestone_completed", actor, details: { tasks: total } });
  return events;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
