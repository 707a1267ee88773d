import type { Plan } from "../plan/plan.js";
import { taskGatePhase } from "./decide-merge-gate.js";

/** What findPassedTaskGates reads of a log event. */
interface GateEvent {
  event: string;
  task_id?: string | undefined;
  phase?: string | undefined;
}

/**
 * The tasks of `plan` whose Task gate (taskGatePhase) the new `events` pass: the gate phase's
 * `phase_completed`, or for a one-phase workflow (no gate: started is enough) its first
 * `phase_started`. Pure; these are the tasks whose open pull requests into the default branch the
 * merge gate judges again (docs/merge-gate.md). Any other event passes no Task gate.
 */
export function findPassedTaskGates(plan: Plan, events: readonly GateEvent[]): string[] {
  const passed = new Set<string>();
  for (const e of events) {
    const task = e.task_id === undefined ? undefined : plan.tasks.find((t) => t.id === e.task_id);
    if (!task) continue;
    const gate = taskGatePhase(task);
    if (gate ? e.event === "phase_completed" && e.phase === gate.id : e.event === "phase_started") passed.add(task.id);
  }
  return [...passed];
}
