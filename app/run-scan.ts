import { projectEscalation, scan, type MilestoneHandle, type ScanReport } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { syncMilestone } from "./sync-milestone.js";

/**
 * The core's scan, then what escalation shows on GitHub (product.md §7): the dashboard's blocker
 * section (through the sync), a failing `phasegate` status on the milestone branch's head, and one
 * comment on the dashboard that mentions the owners. Once nothing blocks, the status turns green.
 */
export async function runScan(d: Delivery, handle: MilestoneHandle): Promise<ScanReport> {
  const report = await scan(d.ctx, handle);
  if (report.events.length === 0) return report;
  await syncMilestone(d, handle);
  await projectEscalation(d.ctx, handle, report);
  return report;
}
