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
  /** Stable name of the rule that found the issue (see docs/plan-format.md), for tools and tests. */
  code?: PlanIssueCode;
}

/** Every rule of the plan format has a stable code; docs/plan-format.md lists them with their hints. */
export type PlanIssueCode =
  | "file-too-large"
  | "yaml-syntax"
  | "yaml-warning"
  | "yaml-alias"
  | "yaml-key"
  | "empty-file"
  | "not-a-mapping"
  | "legacy-file"
  | "unsupported-version"
  | "missing-key"
  | "unknown-key"
  | "wrong-type"
  | "invalid-value"
  | "invalid-format"
  | "too-long"
  | "too-short"
  | "too-many"
  | "too-few"
  | "out-of-range"
  | "id-file-mismatch"
  | "duplicate-id"
  | "duplicate-entry"
  | "unknown-dependency"
  | "self-dependency"
  | "dependency-cycle"
  | "unknown-milestone"
  | "unknown-phase"
  | "weights-sum"
  | "invalid-path"
  | "invalid-branch"
  | "title-too-long"
  | "derived-field"
  | "not-compliant"
  | "shared-spec"
  | "approval-conflict"
  | "approval-unreachable"
  | "internal-error"
  | "ambiguous-plan"
  | "symlinked-plan";

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
