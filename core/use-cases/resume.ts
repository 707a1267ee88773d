import type { LogEvent, NewEvent } from "../events/event.js";
import type { MilestoneState } from "../events/state.js";
import { CommandRefused, type RefusalOptions } from "../commands/command-refused.js";
import { detectBlockers, type BlockerFacts } from "../rules/detect-blockers.js";
import { authorize } from "./authorize.js";
import type { Context } from "./context.js";
import { SignalCache } from "./evaluate-phase.js";
import { gatherBlockerFacts } from "./gather-blocker-facts.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/**
 * Resume a paused or blocked milestone, continuing from the latest session snapshot. A blocked
 * milestone is re-scanned first and resuming is refused while any blocker still holds.
 */
export async function resume(
  ctx: Context,
  handle: MilestoneHandle,
  signals = new SignalCache(ctx),
): Promise<LogEvent[]> {
  const refuse = (reason: string, options?: string | RefusalOptions) => new CommandRefused("resume", reason, options);
  await authorize(ctx, "resume");
  const initial = handle.state.status;
  if (initial === "planned")
    throw refuse("the milestone was never activated", {
      code: "not-activated",
      next: { verb: "activate", milestone: handle.plan.id },
    });
  if (initial === "completed") throw refuse("the milestone is completed");
  let facts: BlockerFacts | undefined;
  if (initial === "blocked") {
    facts = await gatherBlockerFacts(ctx, handle, signals);
    const holding = detectBlockers(handle.plan, handle.state, facts);
    if (holding.length > 0) {
      throw refuse(`blockers still hold: ${holding.map((b) => b.message).join("; ")}`, "fix them, then resume again");
    }
  }
  return handle.commit((state) => {
    if (state.status === "blocked" && facts && detectBlockers(handle.plan, state, facts).length > 0) {
      throw refuse("new blockers were recorded meanwhile", {
        code: "blocked",
        next: { verb: "scan", milestone: handle.plan.id },
      });
    }
    return decideResume(state, ctx);
  });
}

function decideResume(state: MilestoneState, ctx: Context): NewEvent[] {
  const events: NewEvent[] = [];
  const latest = state.sessions.at(-1);
  if (state.status === "blocked") {
    for (const b of state.blockers)
      events.push({ event: "blocker_resolved", actor: ctx.actor, details: { blocker_id: b.id, type: b.type } });
  }
  if (state.status === "blocked" || state.status === "paused") {
    events.push({ event: "milestone_resumed", actor: ctx.actor, details: { from: state.status } });
  }
  events.push({
    event: "session_resumed",
    actor: ctx.actor,
    details: { from_session: latest?.id ?? null, from_seq: latest?.seq ?? 0, snapshot: latest?.file ?? null },
  });
  return events;
}
