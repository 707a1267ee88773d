import { scanAndEscalate, type MilestoneHandle, type ScanReport } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { syncMilestone } from "./sync-milestone.js";

/**
 * The core's scan, then what escalation shows on GitHub (product.md §7): the dashboard's blocker
 * section (through the App's budgeted sync, which continues in the queue), a failing `phasegate`
 * status on the milestone branch's head, and one comment on the dashboard that mentions the owners.
 * Once nothing blocks, the status turns green.
 */
export function runScan(d: Delivery, handle: MilestoneHandle): Promise<ScanReport> {
  return scanAndEscalate(d.ctx, handle, (h) => syncMilestone(d, h));
}
