import { buildPlan } from "./build-plan.js";
import { checkRawPlan } from "./check-raw-plan.js";
import { collectDerived } from "./collect-derived.js";
import { DEFAULT_MESSAGE, explainSchemaIssues } from "./explain-schema-issues.js";
import { fileStem } from "./file-stem.js";
import { isRecord } from "./is-record.js";
import type { Locator } from "./locate.js";
import type { PlanDefaults } from "./merge-settings.js";
import type { Plan } from "./plan.js";
import type { PlanIssue } from "./plan-error.js";
import { MILESTONE_ID_PATTERN } from "./plan-patterns.js";
import { createReporter, sortIssues } from "./plan-reporter.js";
import { planSchema } from "./plan-schema.js";
import { restoreIdText, type NumberText } from "./restore-id-text.js";
import { validatePlan } from "./validate-plan.js";

export interface ParsePlanOptions {
  /** Ids of the milestones that exist; when given, `dependencies.requires` must name only these. */
  knownMilestones?: readonly string[];
  /** The repository's `.github/phasegate.yml` (same snapshot): what the plan leaves unset comes from it. */
  defaults?: PlanDefaults | undefined;
}

export interface ParsePlanResult {
  /** Present only when no issue is an error. */
  plan?: Plan;
  /** Every problem found, errors first, each at `file:line:column` with a hint. */
  issues: PlanIssue[];
}

/** A plan file read as data (YAML's value), and how to say where a path of it is written. */
export interface PlanData {
  value: unknown;
  /** The source text of the scalar at a path when YAML read it as a number (restoreIdText). */
  numberText: NumberText;
  locate: Locator;
  /** What reading the YAML found (warnings; errors stop before this). */
  yamlIssues: PlanIssue[];
}

/** Check a plan file's data against the format and build the plan when nothing is an error. */
export function checkPlanData(
  { value, numberText, locate, yamlIssues }: PlanData,
  file: string,
  options: ParsePlanOptions,
): ParsePlanResult {
  const reporter = createReporter(file, locate);
  const done = (plan?: Plan): ParsePlanResult => {
    const issues = sortIssues([...yamlIssues, ...reporter.issues]);
    return plan && !issues.some((i) => i.severity === "error") ? { plan, issues } : { issues };
  };
  if (value === null || value === undefined) {
    reporter.error([], "the plan file is empty", {
      code: "empty-file",
      hint: "start with `version: 1`, `id`, `title` and `tasks`",
    });
    return done();
  }
  if (!isRecord(value)) {
    reporter.error([], "a plan must be a mapping of keys such as `version`, `id`, `title` and `tasks`", {
      code: "not-a-mapping",
      hint: "see docs/plan-format.md for an example",
    });
    return done();
  }
  restoreIdText(value, numberText);
  const legacy = !Object.hasOwn(value, "version");
  const data: Record<string, unknown> = { ...value };
  if (legacy) {
    // The original protocol's files have no version: read them as version 1 and say how to migrate.
    reporter.warning([], "no `version`: read as a plan in the original protocol's shape", {
      code: "legacy-file",
      hint: `run \`phasegate migrate ${file}\` to add \`version: 1\``,
    });
    data.version = 1;
    if (!Object.hasOwn(value, "id") && MILESTONE_ID_PATTERN.test(fileStem(file))) {
      data.id = fileStem(file);
      reporter.warning([], `no \`id\`: taken from the file name (\`${data.id}\`)`, {
        code: "legacy-file",
        hint: `run \`phasegate migrate ${file}\``,
      });
    }
  }
  const derived = collectDerived(value, locate, reporter, file);
  const parsed = planSchema.safeParse(data, { reportInput: true, error: () => DEFAULT_MESSAGE });
  if (!parsed.success) {
    explainSchemaIssues(parsed.error.issues, planSchema, data, reporter, numberText);
    checkRawPlan(data, { file, legacy, knownMilestones: options.knownMilestones, reporter });
    return done();
  }
  validatePlan(parsed.data, { file, legacy, knownMilestones: options.knownMilestones, reporter });
  if (reporter.hasErrors()) return done();
  return done(buildPlan(parsed.data, { file, legacy, derived, defaults: options.defaults }));
}
