import { unmetDependencies } from "../rules/unmet-dependencies.js";
import type { Snapshot } from "../ports.js";
import type { Context } from "./context.js";
import { evaluatePhase, SignalCache } from "./evaluate-phase.js";
import type { MilestoneHandle } from "./milestone-handle.js";

export interface PhaseCheck {
  ok: boolean;
  /** The phase checked (the task's current one), or undefined when the task has none. */
  phase?: string;
  problems: string[];
}

/**
 * The `phasegate/phase` check of a pull request into the milestone branch (product.md §9): the
 * linked task's dependencies are completed and its current phase's deliverables validate in `head`
 * (the pull request's files, read through the API). Plan and state from the handle, as always.
 */
export async function checkPhase(
  ctx: Context,
  handle: MilestoneHandle,
  taskId: string,
  head: Snapshot,
): Promise<PhaseCheck> {
  const index = handle.plan.tasks.findIndex((t) => t.id === taskId);
  const task = handle.plan.tasks[index];
  const t = handle.state.tasks[index];
  if (!task || !t) return { ok: false, problems: [`no task ${taskId} in milestone ${handle.plan.id}`] };
  const unmet = unmetDependencies(task, handle.state);
  if (unmet.length > 0)
    return { ok: false, problems: [`${task.id} depends on ${unmet.join(", ")}, not completed yet`] };
  if (t.status === "completed") return { ok: true, problems: [] };
  const phase = task.phases.find((p) => p.id === t.phase);
  if (!phase) return { ok: false, problems: [`${task.id} has not started a phase yet`] };
  const verdict = await evaluatePhase(handle.plan, task, phase, new SignalCache(ctx), head);
  return { ok: verdict.ok, phase: phase.id, problems: verdict.problems };
}
