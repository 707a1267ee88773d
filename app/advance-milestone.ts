import { advance, MilestoneHandle, type AdvanceReport } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { syncMilestone } from "./sync-milestone.js";

/**
 * Work landed on a milestone branch (a push, a merged pull request, CI turning green): the core moves
 * every task as far as its deliverables and approvals allow, as `phasegate execute` does locally, and
 * the projection follows when anything moved. Nobody needs a terminal for a phase without a gate.
 */
export async function advanceMilestone(d: Delivery, milestoneId: string): Promise<AdvanceReport | undefined> {
  const handle = await MilestoneHandle.open(d.ctx, milestoneId, "advance");
  if (handle.state.status !== "in_progress") return undefined;
  const report = await advance(d.ctx, handle);
  if (report.events.length > 0) await syncMilestone(d, handle, true);
  return report;
}
