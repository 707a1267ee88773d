import type { ParsePlanOptions, ParsePlanResult } from "../plan/check-plan-data.js";

/**
 * `parsePlan` with its readers loaded when it runs (ADR 33, 38): the fast reading first, whose
 * chunk holds the schemas but not the yaml library; the positioned reading (which loads the yaml
 * library) only for a file outside the everyday subset of YAML or a plan with an issue. The same
 * results as `parsePlan`; a valid plan in everyday YAML never loads the yaml library.
 */
export async function parsePlanOnDemand(
  text: string,
  file: string,
  options: ParsePlanOptions = {},
): Promise<ParsePlanResult> {
  return (
    (await import("../plan/read-plain-plan.js")).readPlainPlan(text, file, options) ??
    (await import("../plan/parse-plan.js")).parsePlanWithPositions(text, file, options)
  );
}
