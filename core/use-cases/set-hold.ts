import type { LogEvent } from "../events/event.js";
import { CommandRefused } from "../commands/command-refused.js";
import { authorize } from "./authorize.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireTask } from "./require-active-phase.js";

/** `/hold` and `/unhold`: stop a task from advancing (or let it go again). Needs write access. */
export async function setHold(
  ctx: Context,
  handle: MilestoneHandle,
  input: { taskId: string; hold: boolean; reason?: string },
): Promise<LogEvent[]> {
  const command = input.hold ? "hold" : "unhold";
  await authorize(ctx, command);
  return handle.commit((state) => {
    const { task, t } = requireTask(command, handle.plan, state, input.taskId);
    if (input.hold === Boolean(t.hold)) return [];
    if (t.status === "completed") throw new CommandRefused(command, `${task.id} is already completed`);
    return input.hold
      ? [{ event: "task_held", actor: ctx.actor, task_id: task.id, details: { reason: input.reason ?? "" } }]
      : [{ event: "task_unheld", actor: ctx.actor, task_id: task.id, details: {} }];
  });
}
