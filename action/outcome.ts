import {
  CommandRefused,
  formatPlanIssue,
  ImportSpecError,
  PlanError,
  type PlanIssue,
  markdownText,
} from "../core/index.js";
import { PathRefused } from "../local/confine-path.js";
import { MissingPath } from "../local/plan-paths.js";
import { InputError } from "./inputs.js";

/**
 * What a command produced, before anything reaches the runner: `report` turns it into annotations,
 * outputs, the job summary and the step's result. Commands build it and never touch @actions/core.
 */
export interface Outcome {
  /** Why the step fails; undefined when it succeeds (the `ok` output). */
  failure?: string;
  outputs: Record<string, string>;
  /** Markdown for the job summary. */
  summary: string;
  /** Plan issues, each an annotation at its file, line and column. */
  issues?: PlanIssue[];
  /** Warnings that belong to no line (import's left-out items, no plan found). */
  warnings?: string[];
}

/**
 * The outcome of an error a command did not turn into one itself: invalid inputs, refusals, invalid
 * plans (annotated), paths outside the repository. Anything else is a failure with its message;
 * non-errors are rethrown.
 */
export function outcomeOfError(command: string, error: unknown): Outcome {
  const fail = (failure: string, issues: PlanIssue[] = []): Outcome => ({
    failure,
    outputs: {},
    summary: [
      `## Phasegate ${command}: failed`,
      "",
      markdownText(failure),
      ...(issues.length > 0 ? ["", ...issues.map((issue) => `- ${markdownText(formatPlanIssue(issue))}`)] : []),
      "",
    ].join("\n"),
    ...(issues.length > 0 && { issues }),
  });
  if (error instanceof PlanError) {
    const errors = error.issues.filter((issue) => issue.severity === "error").length;
    const file = error.issues[0]?.file ?? "the plan";
    return fail(`${file} is invalid: ${errors} error${errors === 1 ? "" : "s"} (see the annotations)`, error.issues);
  }
  if (error instanceof CommandRefused) {
    return fail(`phasegate ${command}: refused: ${error.reason}${error.whoCan ? ` (${error.whoCan})` : ""}`);
  }
  if (error instanceof MissingPath) return fail(`phasegate ${command}: input "path": ${error.message}`);
  if (error instanceof InputError || error instanceof ImportSpecError || error instanceof PathRefused) {
    return fail(`phasegate ${command}: ${error.message}`);
  }
  // Not a refusal we foresaw (git missing, not a repository, a disk error): say it plainly.
  if (error instanceof Error) return fail(`phasegate ${command}: ${error.message}`);
  throw error;
}
