import type { LogEvent } from "../events/event.js";
import { unmetDependencies } from "../rules/unmet-dependencies.js";
import { CommandRefused } from "../commands/command-refused.js";
import { decideStart } from "../workflow/decide-advance.js";
import { authorize } from "./authorize.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireTask } from "./require-active-phase.js";

/** Start one task's first phase now. Refused while its dependencies are not completed. */
export async function startTask(ctx: Context, handle: MilestoneHandle, input: { taskId: string }): Promise<LogEvent[]> {
  await authorize(ctx, "start");
  return handle.commit((state) => {
    const { task, t } = requireTask("start", handle.plan, state, input.taskId);
    if (t.status === "in_progress" || t.status === "completed") return [];
    if (t.hold)
      throw new CommandRefused("start", `${task.id} is on hold (${t.hold.by}: ${t.hold.reason})`, "unhold it first");
    if (t.status === "pending") {
      const unmet = unmetDependencies(task, state);
      throw new CommandRefused(
        "start",
        `${task.id} depends on ${unmet.join(", ")}, not completed yet`,
        "complete the dependencies first",
      );
    }
    // Started by hand: the actor becomes one of the task's authors (no self-approval).
    return decideStart(state, task, ctx.actor).map((e) => ({ ...e, details: { ...e.details, by_hand: true } }));
  });
}
