import { MilestoneHandle, renderPartialSync, renderSyncReport, sync, type SyncReport } from "../../core/index.js";
import type { ApiContext } from "../api-context.js";
import type { SyncBudget } from "../api-inputs.js";
import type { Outcome } from "../outcome.js";

import { statusOutputs } from "./status.js";

/**
 * The core sync on GitHub: labels, the GitHub milestone, task issues, the dashboard and links, with
 * the fewest writes (the adapter paces them under GitHub's limits). A run that stops at its budget
 * succeeds with a warning and `complete=false`; the next run continues from what GitHub shows.
 * `dry-run` writes nothing and lists every write in the job summary.
 */
export async function syncMilestone(
  ctx: ApiContext,
  input: { milestone: string; dryRun: boolean; budget: SyncBudget },
): Promise<Outcome> {
  const handle = await MilestoneHandle.open(ctx, input.milestone, "sync");
  const report = await sync(ctx, handle, { dryRun: input.dryRun, gettingStarted: true, ...input.budget });
  const view = handle.view(ctx.clock.now());
  return {
    outputs: { ...statusOutputs(view, view.blockers), ...syncOutputs(report) },
    summary: renderSyncReport(report, { dryRun: input.dryRun, markdown: true }),
    warnings: [
      ...(report.complete
        ? []
        : [renderPartialSync(report, { next: "the budget was reached; the next run continues" })]),
      ...report.notes,
    ],
  };
}

export function syncOutputs(report: SyncReport): Record<string, string> {
  return { complete: String(report.complete), writes: String(report.writes.length) };
}
