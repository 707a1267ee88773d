import type { LogEvent } from "../events/event.js";
import type { Blocker } from "../events/state.js";
import { decideEscalation } from "../rules/decide-escalation.js";
import { detectBlockers } from "../rules/detect-blockers.js";
import { escalationOwners } from "../rules/escalation-owners.js";
import { gateRule, usesCodeowners } from "../plan/approval-rule.js";
import type { Plan } from "../plan/plan.js";
import { readCodeowners } from "./gather-gate-facts.js";
import type { Context } from "./context.js";
import { SignalCache } from "./evaluate-phase.js";
import { gatherBlockerFacts } from "./gather-blocker-facts.js";
import { withdrawLostCheckpointLocking } from "./lost-checkpoint.js";
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
  // A checkpoint killed before its branch moved (or a rebase since): its auto_commit is withdrawn first (ADR 39).
  const withdrawn = await withdrawLostCheckpointLocking(ctx, handle);
  const escalation = await handle.commit(async (state) => {
    const current = detectBlockers(handle.plan, state, facts);
    const decided = decideEscalation(state, current, ctx.actor);
    if (!decided.some((e) => e.event === "blockers_escalated")) return decided;
    // Whom to ask: who could approve the waiting gates. CODEOWNERS is read only now, for an escalation.
    const codeowners = planUsesCodeowners(handle.plan) ? await readCodeowners(ctx, handle.planSnapshot) : [];
    return decideEscalation(state, current, ctx.actor, (fresh) =>
      escalationOwners(handle.plan, state, fresh, codeowners),
    );
  });
  const events = [...withdrawn, ...escalation];
  const escalated = events.find((e) => e.event === "blockers_escalated");
  const resolved = events.filter((e) => e.event === "blocker_resolved").map((e) => String(e.details.blocker_id));
  if (!escalated) return { blockers, escalated: [], resolved, events };
  const session = await saveSession(ctx, handle, "blocker_detected");
  const ids = (escalated.details.blockers as string[]) ?? [];
  return { blockers, escalated: ids, resolved, events, session };
}

/** Whether any gate of the plan asks the CODEOWNERS of its deliverables. */
function planUsesCodeowners(plan: Plan): boolean {
  return plan.tasks.some((task) =>
    task.phases.some((p) => p.approvalRequired && usesCodeowners(gateRule(plan, task, p))),
  );
}
