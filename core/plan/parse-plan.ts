import { checkPlanData, type ParsePlanOptions, type ParsePlanResult } from "./check-plan-data.js";
import type { Plan } from "./plan.js";
import { PlanError, type PlanIssue } from "./plan-error.js";
import { sortIssues } from "./plan-reporter.js";
import { readPlainPlan } from "./read-plain-plan.js";
import { readYaml } from "./read-yaml.js";

export type { ParsePlanOptions, ParsePlanResult } from "./check-plan-data.js";

/**
 * Parse and validate a plan file. Never throws: any input, however broken, comes back as issues.
 * `file` is the repository-relative path; the plan's `id` must match its name. Most plans are in
 * the everyday subset of YAML and valid: they are read without positions (readPlainPlan); any
 * other file, and any plan with an issue, is read again with every node's position.
 */
export function parsePlan(text: string, file: string, options: ParsePlanOptions = {}): ParsePlanResult {
  return readPlainPlan(text, file, options) ?? parsePlanWithPositions(text, file, options);
}

/** parsePlan without the fast reading: for a file that readPlainPlan returned undefined for. */
export function parsePlanWithPositions(text: string, file: string, options: ParsePlanOptions = {}): ParsePlanResult {
  try {
    const { source, issues } = readYaml(text, file);
    if (!source) return { issues: sortIssues(issues) };
    return checkPlanData({ ...source, yamlIssues: issues }, file, options);
  } catch (error) {
    // A bug of ours must still not take down a webhook handler or a CI run; say what happened.
    const detail = error instanceof Error ? error.message : String(error);
    const issue: PlanIssue = {
      file,
      line: 1,
      column: 1,
      path: "",
      message: `internal error while reading the plan: ${detail}`,
      hint: "please report this with the file",
      severity: "error",
      code: "internal-error",
    };
    return { issues: [issue] };
  }
}

/** Like `parsePlan`, but returns the plan or throws a `PlanError` carrying every issue. */
export function getPlan(text: string, file: string, options: ParsePlanOptions = {}): Plan {
  const { plan, issues } = parsePlan(text, file, options);
  if (!plan) throw new PlanError(issues);
  return plan;
}
