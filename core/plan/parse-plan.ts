import { buildPlan } from "./build-plan.js";
import { checkRawPlan } from "./check-raw-plan.js";
import { collectDerived } from "./collect-derived.js";
import { DEFAULT_MESSAGE, explainSchemaIssues } from "./explain-schema-issues.js";
import { isRecord } from "./is-record.js";
import type { Plan } from "./plan.js";
import { PlanError, type PlanIssue } from "./plan-error.js";
import { MILESTONE_ID_PATTERN } from "./plan-patterns.js";
import { createReporter, sortIssues } from "./plan-reporter.js";
import { planSchema } from "./plan-schema.js";
import { readYaml } from "./read-yaml.js";
import { restoreIdText } from "./restore-id-text.js";
import { fileStem } from "./file-stem.js";
import { validatePlan } from "./validate-plan.js";
import type { PlanDefaults } from "./merge-settings.js";

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

/**
 * Parse and validate a plan file. Never throws: any input, however broken, comes back as issues.
 * `file` is the repository-relative path; the plan's `id` must match its name.
 */
export function parsePlan(text: string, file: string, options: ParsePlanOptions = {}): ParsePlanResult {
  try {
    return parse(text, file, options);
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

function parse(text: string, file: string, options: ParsePlanOptions): ParsePlanResult {
  const { source, issues: yamlIssues } = readYaml(text, file);
  if (!source) return { issues: sortIssues(yamlIssues) };
  const reporter = createReporter(file, source.locate);
  const done = (plan?: Plan): ParsePlanResult => {
    const issues = sortIssues([...yamlIssues, ...reporter.issues]);
    return plan && !issues.some((i) => i.severity === "error") ? { plan, issues } : { issues };
  };
  const { value } = source;
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
  restoreIdText(value, source.doc);
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
  const derived = collectDerived(value, source.locate, reporter, file);
  const parsed = planSchema.safeParse(data, { reportInput: true, error: () => DEFAULT_MESSAGE });
  if (!parsed.success) {
    explainSchemaIssues(parsed.error.issues, planSchema, data, reporter);
    checkRawPlan(data, { file, legacy, knownMilestones: options.knownMilestones, reporter });
    return done();
  }
  validatePlan(parsed.data, { file, legacy, knownMilestones: options.knownMilestones, reporter });
  if (reporter.hasErrors()) return done();
  return done(buildPlan(parsed.data, { file, legacy, derived, defaults: options.defaults }));
}
