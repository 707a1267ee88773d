import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { projectEscalation } from "./project-escalation.js";
import { scan, type ScanReport } from "./scan.js";
import type { SyncReport } from "./sync.js";

export interface ScanAndEscalateReport extends ScanReport {
  /** The sync after a scan that recorded something; none when it recorded nothing. */
  synced?: SyncReport;
}

/**
 * A scan on GitHub, composed once for the App and the Action (product.md §7): the core's scan; when
 * it recorded something, the shell's sync (the dashboard's blocker section and the labels; the App's
 * keeps within its delivery's budget and continues in its queue, the Action's within its inputs),
 * then the escalation (a `phasegate` status on the branch head, one comment to the owners). Without
 * `sync` (a command whose answer syncs afterwards) the escalation follows the scan directly.
 */
export async function scanAndEscalate(
  ctx: Context,
  handle: MilestoneHandle,
  sync?: (handle: MilestoneHandle) => Promise<SyncReport>,
): Promise<ScanAndEscalateReport> {
  const report = await scan(ctx, handle);
  if (report.events.length === 0) return report;
  const synced = sync ? await sync(handle) : undefined;
  await projectEscalation(ctx, handle, report);
  return { ...report, ...(synced && { synced }) };
}
