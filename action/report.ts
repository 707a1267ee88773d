import { error, info, notice, setFailed, setOutput, summary, warning } from "@actions/core";
import type { PlanIssue } from "../core/index.js";
import type { Outcome } from "./outcome.js";

/**
 * Annotations emitted per run. GitHub keeps 50 per job and shows 10 errors and 10 warnings per step
 * (https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations); the job
 * summary lists every issue, so none is lost.
 */
export const ANNOTATION_LIMIT = 50;
/** GitHub refuses a step summary over 1 MiB and keeps none of it; stay under with room to spare. */
const SUMMARY_BYTES = 1_000_000;

/** Hand an outcome to the runner: annotations, warnings, outputs (`ok` always), the job summary, then the result. */
export async function report(outcome: Outcome): Promise<void> {
  annotate(outcome.issues ?? []);
  for (const text of outcome.warnings ?? []) warning(text);
  // The summary first: if it cannot be written, `ok` is never set to true.
  await writeSummary(outcome.summary);
  setOutput("ok", String(outcome.failure === undefined));
  for (const [name, value] of Object.entries(outcome.outputs)) setOutput(name, value);
  if (outcome.failure !== undefined) setFailed(outcome.failure);
}

/** One annotation per plan issue at its file, line and column; errors first, so the ones GitHub shows are errors. */
export function annotate(issues: PlanIssue[]): void {
  const ordered = [...issues.filter((i) => i.severity === "error"), ...issues.filter((i) => i.severity !== "error")];
  for (const issue of ordered.slice(0, ANNOTATION_LIMIT)) {
    const properties = {
      file: issue.file,
      startLine: issue.line,
      startColumn: issue.column,
      title: `phasegate: ${issue.code ?? issue.severity}`,
    };
    const message = issue.hint ? `${issue.message} (hint: ${issue.hint})` : issue.message;
    if (issue.severity === "error") error(message, properties);
    else warning(message, properties);
  }
  const more = ordered.length - ANNOTATION_LIMIT;
  if (more > 0)
    notice(`${more} more plan issue${more === 1 ? " is" : "s are"} not annotated; the job summary lists them`);
}

/** Append to the job summary; outside Actions (no GITHUB_STEP_SUMMARY) print it to the log instead. */
async function writeSummary(markdown: string): Promise<void> {
  const text = fitSummary(markdown);
  if (!process.env.GITHUB_STEP_SUMMARY) {
    info(text);
    return;
  }
  await summary.emptyBuffer().addRaw(text, true).write();
}

function fitSummary(markdown: string): string {
  if (Buffer.byteLength(markdown) <= SUMMARY_BYTES) return markdown;
  const cut = Buffer.from(markdown)
    .subarray(0, SUMMARY_BYTES)
    .toString("utf8")
    .replace(/\uFFFD$/, "");
  return `${cut}\n\n… (cut at GitHub's 1 MiB job summary limit)\n`;
}
