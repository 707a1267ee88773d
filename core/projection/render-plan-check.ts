import { formatPlanIssue, type PlanIssue } from "../plan/plan-error.js";
import { markdownText } from "../render/render-summary.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";
import { renderSyncPreview } from "./render-sync-preview.js";
import type { Annotation, CheckRunSpec, TrackerOp } from "./projection.js";

/** GitHub takes 50 annotations per request and 65,535 characters of summary. */
const ANNOTATIONS_MAX = 50;
const SUMMARY_MAX = 60_000;

/** One plan file as the `phasegate/plan` check saw it: its problems, and the sync's preview when valid. */
export interface PlanCheckFile {
  path: string;
  issues: PlanIssue[];
  /** The writes the sync would make for this plan (a dry run); undefined when the plan is invalid. */
  preview?: TrackerOp[];
}

/**
 * The `phasegate/plan` check run (product.md §9): failure with an annotation at `file:line` per
 * problem when a plan is invalid; otherwise success, and the summary says exactly what the sync
 * will create, change and close.
 */
export function renderPlanCheck(sha: string, files: readonly PlanCheckFile[]): CheckRunSpec {
  const issues = files.flatMap((f) => f.issues);
  const errors = issues.filter((i) => i.severity === "error");
  const annotations: Annotation[] = issues.slice(0, ANNOTATIONS_MAX).map((i) => ({
    path: i.file,
    line: i.line,
    column: i.column,
    level: i.severity === "error" ? "failure" : "warning",
    message: i.hint ? `${i.message}\n${i.hint}` : i.message,
    title: i.code ?? "plan",
  }));
  const out: string[] = [];
  for (const f of files) {
    out.push(`### \`${f.path}\``, "");
    const mine = f.issues.filter((i) => i.severity === "error");
    if (mine.length > 0) out.push(...mine.map((i) => `- ${markdownText(formatPlanIssue(i))}`), "");
    else if (f.preview) out.push(...renderPreview(f.preview), "");
  }
  const summary = defuseMarkdown(out.join("\n")).slice(0, SUMMARY_MAX);
  return {
    name: "phasegate/plan",
    sha,
    conclusion: errors.length > 0 ? "failure" : "success",
    title:
      errors.length > 0
        ? `${errors.length} problem${errors.length === 1 ? "" : "s"} in ${files.length === 1 ? "the plan" : "the plans"}`
        : `${files.length === 1 ? "The plan is" : "The plans are"} valid`,
    summary: summary || "No plan files changed.",
    ...(annotations.length > 0 && { annotations }),
  };
}

/** The sync's dry run in words: one line per write, the same lines as `phasegate sync --dry-run`. */
export function renderPreview(ops: readonly TrackerOp[]): string[] {
  if (ops.length === 0) return ["When merged, the sync changes nothing on GitHub."];
  const lines = renderSyncPreview(ops, { markdown: true }).map((line) => `- ${line}`);
  return [`When merged, the sync makes ${ops.length} write${ops.length === 1 ? "" : "s"}:`, "", ...lines];
}
