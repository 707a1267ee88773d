import type { LogEvent } from "../events/event.js";
import { CommandRefused } from "../commands/command-refused.js";
import { authorize } from "./authorize.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/** Pause an active milestone: nothing advances until it is resumed. Pausing twice is a no-op. */
export async function pause(ctx: Context, handle: MilestoneHandle, reason: string): Promise<LogEvent[]> {
  await authorize(ctx, "pause");
  return handle.commit((state) => {
    if (state.status === "paused") return [];
    if (state.status !== "in_progress") {
      throw new CommandRefused("pause", `the milestone is ${state.status}; only a milestone in progress can be paused`);
    }
    return [{ event: "milestone_paused", actor: ctx.actor, details: { reason } }];
  });
}
