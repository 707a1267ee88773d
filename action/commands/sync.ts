import { MilestoneHandle, renderSyncPreview, sync, type SyncReport } from "../../core/index.js";
import type { ApiContext } from "../api-context.js";
import type { SyncBudget } from "../api-inputs.js";
import type { Outcome } from "../outcome.js";

import { statusOutputs } from "./status.js";

/** Writes listed in the job summary; past this it says how many more (a summary holds 1 MiB). */
const LISTED = 300;

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
    summary: renderSyncSummary(report, input.dryRun),
    warnings: [
      ...(report.complete
        ? []
        : [
            `sync of ${input.milestone} is partial: ${report.writes.length} of ${report.total} writes made (budget reached); the next run continues`,
          ]),
      ...report.notes,
    ],
  };
}

export function syncOutputs(report: SyncReport): Record<string, string> {
  return { complete: String(report.complete), writes: String(report.writes.length) };
}

export function renderSyncSummary(report: SyncReport, dryRun: boolean, heading = "sync"): string {
  const n = report.writes.length;
  const out = [`## Phasegate ${heading}: \`${report.milestone}\`${dryRun ? " (dry run)" : ""}`, ""];
  if (n === 0) out.push("GitHub matches the plan and the log: nothing to write.");
  else if (dryRun) out.push(`A sync would make ${n} write${n === 1 ? "" : "s"}:`);
  else if (report.complete) out.push(`${n} write${n === 1 ? "" : "s"}:`);
  else out.push(`**Partial**: ${n} of ${report.total} writes made; the next run continues:`);
  if (n > 0)
    out.push("", ...renderSyncPreview(report.writes.slice(0, LISTED), { markdown: true }).map((line) => `- ${line}`));
  if (n > LISTED) out.push(`- … and ${n - LISTED} more`);
  if (report.notes.length > 0) out.push("", "### Notes", "", ...report.notes.map((note) => `- ${note}`));
  return out.join("\n") + "\n";
}
