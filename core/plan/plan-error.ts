/** One problem in a plan file, located at `file:line:column`, with a hint a person can act on. */
export interface PlanIssue {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Dotted path of the offending node, e.g. `tasks[2].dependencies[0]`. Empty for the document. */
  path: string;
  message: string;
  hint?: string;
  severity: "error" | "warning";
}

/** Thrown when a plan is invalid; carries every issue found, errors first. */
export class PlanError extends Error {
  readonly issues: PlanIssue[];
  constructor(issues: PlanIssue[], options?: { cause?: unknown }) {
    super(issues.map(formatPlanIssue).join("\n"), options);
    this.name = "PlanError";
    this.issues = issues;
  }
}

/** `file:line:column: error: message (hint)`, the format editors and CI annotations understand. */
export function formatPlanIssue(issue: PlanIssue): string {
  const hint = issue.hint ? ` (hint: ${issue.hint})` : "";
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.severity}: ${issue.message}${hint}`;
}
