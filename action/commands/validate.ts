import {
  formatPlanIssue,
  listPlanFiles,
  milestoneIdOf,
  parsePlan,
  type PlanIssue,
  markdownText,
} from "../../core/index.js";
import type { Outcome } from "../outcome.js";
import { expandPlanPaths, type CheckoutFiles } from "../../local/plan-paths.js";

interface PlanResult {
  file: string;
  ok: boolean;
  tasks: number;
  issues: PlanIssue[];
}

/** Issues listed in the job summary; past this the list says how many more (a summary holds 1 MiB). */
const LISTED = 500;

/**
 * Validate plan files with the parser `phasegate validate` uses (milestone dependencies checked
 * against every plan in the repository); each issue becomes an annotation at its file, line and
 * column (report.ts), and the job summary lists up to 500 of them.
 */
export async function validatePlans(repo: CheckoutFiles, workdir: string, paths: string[]): Promise<Outcome> {
  const files = await expandPlanPaths(repo, workdir, paths);
  // Milestone dependencies may name any plan in the repository, not only the ones validated now.
  const known = [...new Set([...(await listPlanFiles(repo)), ...files].map(milestoneIdOf))];
  const results: PlanResult[] = [];
  for (const file of files) {
    const text = (await repo.read(file))?.text ?? "";
    const { plan, issues } = parsePlan(text, file, { knownMilestones: known });
    results.push({ file, ok: Boolean(plan), tasks: plan?.tasks.length ?? 0, issues });
  }
  const failed = results.filter((r) => !r.ok);
  return {
    ...(failed.length > 0 && {
      failure: `${failed.length} of ${results.length} plans invalid: ${failed.map((r) => r.file).join(", ")}`,
    }),
    outputs: {},
    summary: renderValidateSummary(results),
    issues: results.flatMap((r) => r.issues),
    ...(files.length === 0 && {
      warnings: ["no plan files found (looked in .milestones/, .milestones/active/ and .milestones/completed/)"],
    }),
  };
}

export function renderValidateSummary(results: PlanResult[]): string {
  const valid = results.filter((r) => r.ok).length;
  const out = ["## Phasegate: plan validation", ""];
  if (results.length === 0) return [...out, "No plan files found in `.milestones/`.", ""].join("\n");
  out.push(`${valid} of ${results.length} plans valid.`, "", "| File | Tasks | Result |", "| --- | --: | --- |");
  for (const r of results) {
    const errors = count(r.issues, "error");
    const warnings = count(r.issues, "warning");
    const result = r.ok
      ? `valid${warnings ? ` (${plural(warnings, "warning")})` : ""}`
      : `**invalid**: ${plural(errors, "error")}${warnings ? `, ${plural(warnings, "warning")}` : ""}`;
    out.push(`| \`${markdownText(r.file)}\` | ${r.ok ? r.tasks : "–"} | ${result} |`);
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
