import {
  parseMarker,
  renderEscalationComment,
  scan,
  escalationMarker,
  type MilestoneHandle,
  type ScanReport,
} from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { syncMilestone } from "./sync-milestone.js";

/** The commit status Phasegate sets on the milestone branch's head. */
export const STATUS_CONTEXT = "phasegate";

/**
 * The core's scan, then what escalation shows on GitHub (product.md §7): the dashboard's blocker
 * section (through the sync), a failing `phasegate` status on the milestone branch's head, and one
 * comment on the dashboard that mentions the owners. Once nothing blocks, the status turns green.
 */
export async function runScan(d: Delivery, handle: MilestoneHandle): Promise<ScanReport> {
  const report = await scan(d.ctx, handle);
  if (report.events.length === 0) return report;
  await syncMilestone(d, handle);
  const head = handle.work.revision?.commit;
  const holding = handle.state.blockers;
  if (head) {
    await d.ctx.tracker.apply({
      kind: "status",
      sha: head,
      context: STATUS_CONTEXT,
      state: holding.length > 0 ? "failure" : "success",
      description: (holding.length > 0 ? `Blocked: ${holding[0]!.message}` : "No blockers").slice(0, 140),
    });
  }
  const escalated = report.events.find((e) => e.event === "blockers_escalated");
  if (!escalated) return report;
  const projection = await d.ctx.tracker.readProjection(handle.plan.id);
  const dashboard = projection.issues.find((i) => parseMarker(i.body)?.kind === "dashboard");
  if (dashboard) {
    await d.ctx.tracker.apply({
      kind: "create-comment",
      issue: dashboard.number,
      marker: escalationMarker(handle.plan.id, escalated.seq),
      body: renderEscalationComment(handle.plan, holding, report.escalated, escalated.seq),
    });
  }
  return report;
}
