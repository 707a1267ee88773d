import type { LogEvent } from "../events/event.js";
import { decidePhase, decideStart, findAdvanceSteps } from "../workflow/decide-advance.js";
import type { Context } from "./context.js";
import { evaluatePhase, SignalCache } from "./evaluate-phase.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/** Why a task did not move further in this run. */
export interface Waiting {
  taskId: string;
  phase: string;
  reasons: string[];
}

export interface AdvanceReport {
  events: LogEvent[];
  waiting: Waiting[];
  /** Tasks that could not be evaluated (a deliverable that cannot be read): the run goes on without them. */
  problems: Waiting[];
}

/**
 * Move every task as far as it can go now: start ready tasks, validate active phases, complete
 * phases whose deliverables pass and whose gates are approved. One atomic append per step, so a
 * run killed at any point resumes exactly where it stopped. Never approves a gate.
 */
export async function advance(
  ctx: Context,
  handle: MilestoneHandle,
  only?: ReadonlySet<string>,
  signals = new SignalCache(ctx),
): Promise<AdvanceReport> {
  const settled = new Set<string>();
  const events: LogEvent[] = [];
  const waiting: Waiting[] = [];
  const problems: Waiting[] = [];
  const plan = handle.plan;
  for (;;) {
    const step = findAdvanceSteps(plan, handle.state, settled).find((s) => !only || only.has(s.task.id));
    if (!step) break;
    if (step.kind === "start") {
      const written = await handle.commit((state) => decideStart(state, step.task, ctx.actor));
      events.push(...written);
      if (written.length === 0) settled.add(step.task.id);
      continue;
    }
    const seen = handle.work;
    let verdict = await evaluatePhase(plan, step.task, step.phase, signals, seen);
    const written = await handle.commit(async (state, work) => {
      // After a conflicting write the files may have moved too: decide on what is there now.
      if (work !== seen) verdict = await evaluatePhase(plan, step.task, step.phase, signals, work);
      return decidePhase(plan, state, step.task, step.phase, verdict, ctx.actor);
    });
    events.push(...written);
    if (written.some((e) => e.event === "phase_completed")) continue;
    settled.add(step.task.id);
    if (verdict.failures.length > 0) {
      problems.push({ taskId: step.task.id, phase: step.phase.id, reasons: verdict.failures });
      continue;
    }
    const reasons = verdict.ok ? [`waiting for approval (${approversOf(plan, step.task)})`] : verdict.problems;
    waiting.push({ taskId: step.task.id, phase: step.phase.id, reasons });
  }
  return { events, waiting, problems };
}

function approversOf(plan: { approvers: string[] }, task: { approvers: string[] }): string {
  const list = task.approvers.length > 0 ? task.approvers : plan.approvers;
  return list.length > 0 ? `approvers: ${list.join(", ")}` : "any collaborator with write access";
}
