import type { EventName, NewEvent } from "../events/event.js";
import type { Blocker, BlockerType, MilestoneState } from "../events/state.js";

/** The original protocol's event names for the blockers it knew; everything else is `blocker_detected`. */
const DETECTION_EVENT: Partial<Record<BlockerType, EventName>> = {
  milestone_dependency: "dependency_blocker",
  task_dependency: "task_dependency_blocker",
  claim_expired: "claim_expired",
};

/**
 * Compare what holds now with what the log knows: new blockers are recorded and escalated once
 * (status `blocked`), blockers that are gone are marked resolved. The milestone stays blocked
 * until someone resumes it. Only an active milestone is escalated. `ownersOf` names whom the
 * escalation asks to act (escalationOwners: who could approve the waiting gates), recorded as
 * `details.owners` of `blockers_escalated` for the comment that mentions them.
 */
export function decideEscalation(
  state: MilestoneState,
  current: Blocker[],
  actor: string,
  ownersOf?: (fresh: readonly Blocker[]) => string[],
): NewEvent[] {
  if (state.status !== "in_progress" && state.status !== "blocked") return [];
  const known = new Set(state.blockers.map((b) => b.id));
  const now = new Set(current.map((b) => b.id));
  const fresh = current.filter((b) => !known.has(b.id) && b.type !== "log_tampered");
  const events: NewEvent[] = fresh.map((b) => ({
    event: DETECTION_EVENT[b.type] ?? "blocker_detected",
    actor,
    ...(b.taskId !== undefined && { task_id: b.taskId }),
    details: { blocker_id: b.id, type: b.type, message: b.message },
  }));
  for (const b of state.blockers.filter((b) => !now.has(b.id))) {
    events.push({ event: "blocker_resolved", actor, details: { blocker_id: b.id, type: b.type } });
  }
  if (fresh.length > 0) {
    const owners = ownersOf?.(fresh) ?? [];
    events.push({
      event: "blockers_escalated",
      actor,
      details: { blockers: fresh.map((b) => b.id), ...(owners.length > 0 && { owners }) },
    });
  }
  return events;
}
