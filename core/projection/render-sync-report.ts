import type { TrackerOp } from "./projection.js";
import { countSyncWrites, renderSyncPreview } from "./render-sync-preview.js";

/** What a sync did or would do: the fields of the core's `SyncReport` that a reader is shown. */
export interface SyncReportView {
  milestone: string;
  writes: readonly TrackerOp[];
  total: number;
  complete: boolean;
  notes: readonly string[];
}

export interface SyncReportOptions {
  dryRun?: boolean;
  /** A job summary or a check summary: a heading, bullets and escaped titles. */
  markdown?: boolean;
  /** The word in the markdown heading (`sync`, `advance`). */
  heading?: string;
}

/** Writes listed in a markdown summary; past this it says how many more (a job summary holds 1 MiB). */
const LISTED_MARKDOWN = 300;
/** A finished sync in a terminal lists its writes only up to this many. */
const LISTED_TEXT = 50;

/**
 * The one account of a sync every shell gives: `phasegate sync` in a terminal, the Action's job
 * summary (`sync`, and after `advance` and `scan`). The plain text and the markdown say the same:
 * how many writes, what each one is, and the notes; a partial run says how it goes on.
 */
export function renderSyncReport(report: SyncReportView, options: SyncReportOptions = {}): string {
  return options.markdown ? renderMarkdown(report, options) : renderText(report, Boolean(options.dryRun));
}

function renderText(report: SyncReportView, dryRun: boolean): string {
  const n = report.writes.length;
  const head = dryRun
    ? `${n} writes would be made: ${countLine(report.writes)}`
    : report.complete
      ? `synced ${report.milestone}: ${n} writes`
      : `partial: ${n} of ${report.total} writes; run it again to finish`;
  const lines = dryRun || n <= LISTED_TEXT ? renderSyncPreview(report.writes).map((l) => `  ${l}\n`) : [];
  return `${head}\n${lines.join("")}${report.notes.map((note) => `note: ${note}\n`).join("")}`;
}

function renderMarkdown(report: SyncReportView, options: SyncReportOptions): string {
  const n = report.writes.length;
  const writes = `${n} write${n === 1 ? "" : "s"}`;
  const out = [
    `## Phasegate ${options.heading ?? "sync"}: \`${report.milestone}\`${options.dryRun ? " (dry run)" : ""}`,
    "",
  ];
  if (n === 0) out.push("GitHub matches the plan and the log: nothing to write.");
  else if (options.dryRun) out.push(`A sync would make ${writes} (${countLine(report.writes)}):`);
  else if (report.complete) out.push(`${writes}:`);
  else out.push(`**Partial**: ${n} of ${report.total} writes made; the next run continues:`);
  const listed = renderSyncPreview(report.writes.slice(0, LISTED_MARKDOWN), { markdown: true });
  if (n > 0) out.push("", ...listed.map((line) => `- ${line}`));
  if (n > LISTED_MARKDOWN) out.push(`- … and ${n - LISTED_MARKDOWN} more`);
  if (report.notes.length > 0) out.push("", "### Notes", "", ...report.notes.map((note) => `- ${note}`));
  return out.join("\n") + "\n";
}

/** `12 to create, 3 to change, 1 to close`. */
function countLine(writes: readonly TrackerOp[]): string {
  const counts = countSyncWrites(writes);
  return `${counts.create} to create, ${counts.change} to change, ${counts.close} to close`;
}

/**
 * The line the Action (sync, advance, scan) and the App's log give when a sync stopped before its
 * last write: what it followed (`advance` and `scan` sync after their step), how far it got, and how
 * it goes on. The CLI's report and the job summary say the same in their own layout (above).
 */
export function renderPartialSync(
  report: Pick<SyncReportView, "milestone" | "writes" | "total">,
  how: { after?: string; next: string },
): string {
  const what = how.after ? `the sync of ${report.milestone} after ${how.after}` : `the sync of ${report.milestone}`;
  return `${what} is partial: ${report.writes.length} of ${report.total} writes made; ${how.next}`;
}
