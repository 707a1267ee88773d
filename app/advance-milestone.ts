import { advance, findPassedTaskGates, MilestoneHandle, type AdvanceReport } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { rejudgeTaskPulls } from "./rejudge-task-pulls.js";
import { syncMilestone } from "./sync-milestone.js";

/**
 * Work landed on a milestone branch (a push, a merged pull request, CI turning green): the core moves
 * every task as far as its deliverables and approvals allow, as `phasegate execute` does locally, and
 * the projection follows when anything moved. Nobody needs a terminal for a phase without a gate.
 * When that passes a task's Task gate, its pull requests into the default branch are judged again.
 */
export async function advanceMilestone(d: Delivery, milestoneId: string): Promise<AdvanceReport | undefined> {
  const handle = await MilestoneHandle.open(d.ctx, milestoneId, "advance");
  if (handle.state.status !== "in_progress") return undefined;
  const report = await advance(d.ctx, handle);
  if (report.events.length > 0) await syncMilestone(d, handle, true);
  // A Task gate passed on its own (a gate without approvals): its held pull requests are judged again.
  await rejudgeTaskPulls(d, { handle, tasks: findPassedTaskGates(handle.plan, report.events) });
  return report;
}
