import type { LogEvent } from "../events/event.js";
import { renderEvent } from "../render/render-event.js";

/** What a scan found and wrote: the fields of the core's `ScanReport` that a reader is shown. */
export interface ScanReportView {
  blockers: readonly { id: string; type: string; message: string }[];
  escalated: readonly string[];
  resolved: readonly string[];
  events: readonly LogEvent[];
  session?: string;
}

export interface ScanReportOptions {
  milestone: string;
  /** The milestone's status after the scan. */
  status: string;
  /** A job summary: a heading and the log the scan appended to (the dashboard below lists blockers). */
  markdown?: boolean;
  /** Markdown: the events went to this branch through GitHub's API, not to the workspace. */
  branch?: string;
  /** Markdown: the log file the events were appended to. */
  logFile?: string;
}

/**
 * The one account of a scan every shell gives: `phasegate scan` in a terminal and the Action's job
 * summary (`scan` on the checkout and on GitHub). Both say how many blockers hold, which were
 * escalated now and which resolved, and what the scan wrote.
 */
export function renderScanReport(report: ScanReportView, options: ScanReportOptions): string {
  return options.markdown ? renderMarkdown(report, options) : renderText(report, options);
}

function renderText(report: ScanReportView, options: ScanReportOptions): string {
  const n = report.blockers.length;
  const lines = report.blockers.map(
    (b) => `  - ${b.type}: ${b.message}${report.escalated.includes(b.id) ? " (new: escalated)" : ""}\n`,
  );
  const shown = report.events.filter(
    (e) =>
      e.event === "blockers_escalated" ||
      e.event === "blocker_resolved" ||
      e.event === "session_saved" ||
      e.event === "auto_commit",
  );
  const m = options.milestone;
  return (
    (n ? `Blockers (${n}):\n${lines.join("")}` : "No blockers.\n") +
    shown.map((e) => `• ${renderEvent(e)}\n`).join("") +
    (n && options.status === "blocked"
      ? `Milestone ${m} is blocked; fix the above, then \`phasegate resume ${m}\`.\n`
      : "")
  );
}

function renderMarkdown(report: ScanReportView, options: ScanReportOptions): string {
  const n = report.blockers.length;
  const ids = (list: readonly string[]) => list.map((id) => `\`${id}\``).join(", ");
  const out = [`## Phasegate scan: \`${options.milestone}\``, ""];
  out.push(
    n === 0 ? "No blockers." : `**${n} blocker${n === 1 ? " holds" : "s hold"}**; the milestone is ${options.status}.`,
  );
  if (report.escalated.length > 0) out.push(`Escalated now: ${ids(report.escalated)}.`);
  if (report.resolved.length > 0) out.push(`Resolved: ${ids(report.resolved)}.`);
  if (report.events.length > 0) {
    const log = options.logFile ? `\`${options.logFile}\`` : "the milestone's log";
    const saved = `The scan appended to ${log}${report.session ? ` and saved \`${report.session}\`` : ""}`;
    out.push(
      "",
      options.branch
        ? `${saved} on \`${options.branch}\` through GitHub's API.`
        : `${saved} in the workspace. Without a token it does not push: commit them in a later step to keep them.`,
    );
  }
  return out.join("\n") + "\n";
}

/** The one line a failed scan ends with (the Action's failure): how many blockers hold, each by its first line. */
export function renderScanFailure(milestone: string, blockers: ScanReportView["blockers"]): string {
  const each = blockers.map((b) => `${b.type}: ${b.message.split("\n")[0]}`).join("; ");
  return `${blockers.length} blocker${blockers.length === 1 ? "" : "s"} on ${milestone}: ${each}`;
}
