import { checkPlanData, type ParsePlanOptions, type ParsePlanResult } from "./check-plan-data.js";
import { MAX_PLAN_CHARS } from "./plan-patterns.js";
import { readPlainYaml } from "./read-plain-yaml.js";

/**
 * The fast reading of a plan (readPlainYaml, without the yaml library or positions): the result
 * when the file is in the everyday subset of YAML and the plan has no issue at all, else undefined,
 * and the caller reads it with positions (parsePlanWithPositions), so that every issue is reported at
 * its line and column as if this reading did not exist.
 */
export function readPlainPlan(text: string, file: string, options: ParsePlanOptions = {}): ParsePlanResult | undefined {
  if (text.length > MAX_PLAN_CHARS) return undefined;
  try {
    const plain = readPlainYaml(text);
    if (!plain) return undefined;
    const result = checkPlanData({ ...plain, locate: NO_POSITIONS, yamlIssues: [] }, file, options);
    return result.plan && result.issues.length === 0 ? result : undefined;
  } catch {
    return undefined; // the positioned reading reports it (as an internal error if it is one)
  }
}

/** Where an issue found on the fast reading would be: never reported (see readPlainPlan). */
const NO_POSITIONS = () => ({ line: 1, column: 1 });
