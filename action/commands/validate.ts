import {
  formatPlanIssue,
  markdownText,
  SETTINGS_PATH,
  validateFiles,
  type PlanIssue,
  type ValidatedFile,
} from "../../core/index.js";
import type { Outcome } from "../outcome.js";
import { expandPlanPaths, type CheckoutFiles } from "../../local/plan-paths.js";
import { markSymlinks } from "../../local/mark-symlinks.js";

/** Issues listed in the job summary; past this the list says how many more (a summary holds 1 MiB). */
const LISTED = 500;

/**
 * Validate plan files with the check `phasegate validate` and the App use (core checkPlanFiles:
 * symlinked and ambiguous plans refused, milestone dependencies checked against every plan); each issue becomes an annotation at its file, line and
 * column (report.ts), and the job summary lists up to 500 of them.
 */
export async function validatePlans(repo: CheckoutFiles, workdir: string, paths: string[]): Promise<Outcome> {
  // Symlinked plans are listed too, so that they are refused as the CLI and the App refuse them.
  const files = await expandPlanPaths(repo, workdir, paths, { symlinks: true });
  // The settings file too: it changes every plan's decisions, so an invalid one fails the check as the CLI's does.
  const { files: results, plans, failedPlans, settingsFailed } = await validateFiles(markSymlinks(repo), files);
  const failures = [
    ...(failedPlans.length > 0
      ? [`${failedPlans.length} of ${plans} plans invalid: ${failedPlans.map((r) => r.file).join(", ")}`]
      : []),
    ...(settingsFailed ? [`${SETTINGS_PATH} is invalid`] : []),
  ];
  return {
    ...(failures.length > 0 && { failure: failures.join("; ") }),
    outputs: {},
    summary: renderValidateSummary(results),
    issues: results.flatMap((r) => r.issues),
    ...(files.length === 0 && {
      warnings: ["no plan files found (looked in .milestones/, .milestones/active/ and .milestones/completed/)"],
    }),
  };
}

export function renderValidateSummary(results: ValidatedFile[]): string {
  const plans = results.filter((r) => !r.settings);
  const valid = plans.filter((r) => r.ok).length;
  const out = ["## Phasegate: plan validation", ""];
  if (results.length === 0) return [...out, "No plan files found in `.milestones/`.", ""].join("\n");
  if (plans.length === 0) out.push("No plan files found in `.milestones/`.", "");
  else out.push(`${valid} of ${plans.length} plans valid.`, "");
  out.push("| File | Tasks | Result |", "| --- | --: | --- |");
  for (const r of results) {
    const errors = count(r.issues, "error");
    const warnings = count(r.issues, "warning");
    const result = r.ok
      ? `valid${warnings ? ` (${plural(warnings, "warning")})` : ""}`
      : `**invalid**: ${plural(errors, "error")}${warnings ? `, ${plural(warnings, "warning")}` : ""}`;
    const tasks = r.settings ? "settings" : r.ok ? r.tasks : "–";
    out.push(`| \`${markdownText(r.file)}\` | ${tasks} | ${result} |`);
  }
  const issues = results.flatMap((r) => r.issues);
  if (issues.length > 0) {
    out.push("", `### Issues (${issues.length})`, "");
    for (const issue of issues.slice(0, LISTED)) out.push(`- ${markdownText(formatPlanIssue(issue))}`);
    if (issues.length > LISTED) out.push(`- … and ${issues.length - LISTED} more (run \`phasegate validate\` locally)`);
  }
  return out.join("\n") + "\n";
}

function count(issues: PlanIssue[], severity: PlanIssue["severity"]): number {
  return issues.filter((i) => i.severity === severity).length;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
