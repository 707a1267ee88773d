import type { LogEvent } from "../events/event.js";
import type { Blocker } from "../events/state.js";
import { decideEscalation } from "../rules/decide-escalation.js";
import { detectBlockers } from "../rules/detect-blockers.js";
import type { Context } from "./context.js";
import { SignalCache } from "./evaluate-phase.js";
import { gatherBlockerFacts } from "./gather-blocker-facts.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { saveSession } from "./save-session.js";

export interface ScanReport {
  /** Every blocker that holds now. */
  blockers: Blocker[];
  /** Blockers recorded and escalated by this scan. */
  escalated: string[];
  resolved: string[];
  events: LogEvent[];
  /** Session snapshot saved on escalation. */
  session?: string;
}

/**
 * Detect blockers; escalate the new ones once (events, status `blocked`, a session snapshot) and
 * mark the ones that are gone as resolved. A log that does not verify, or does not hold the events
 * Phasegate anchored (ADR 19), is reported, never written to: a write would move the anchor past it.
 */
export async function scan(ctx: Context, handle: MilestoneHandle): Promise<ScanReport> {
  const facts = await gatherBlockerFacts(ctx, handle, new SignalCache(ctx));
  const blockers = detectBlockers(handle.plan, handle.state, facts);
  if (handle.logProblem || facts.anchorProblem) return { blockers, escalated: [], resolved: [], events: [] };
  const events = await handle.commit((state) =>
    decideEscalation(state, detectBlockers(handle.plan, state, facts), ctx.actor),
  );
  const escalated = events.find((e) => e.event === "blockers_escalated");
  const resolved = events.filter((e) => e.event === "blocker_resolved").map((e) => String(e.details.blocker_id));
  if (!escalated) return { blockers, escalated: [], resolved, events };
  const session = await saveSession(ctx, handle, "blocker_detected");
  const ids = (escalated.details.blockers as string[]) ?? [];
  return { blockers, escalated: ids, resolved, events, session };
}
