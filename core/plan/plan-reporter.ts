import { formatPath } from "./format-path.js";
import type { Locator, PathSegment } from "./locate.js";
import type { PlanIssue, PlanIssueCode } from "./plan-error.js";

export interface ReportOptions {
  code: PlanIssueCode;
  hint?: string | undefined;
  /** Point at the key rather than the value (unknown keys, derived fields). */
  at?: "key" | "value";
}

/** Collects issues for one file, locating each path once and dropping exact repeats. */
export interface PlanReporter {
  error(path: readonly PathSegment[], message: string, options: ReportOptions): void;
  warning(path: readonly PathSegment[], message: string, options: ReportOptions): void;
  readonly issues: PlanIssue[];
  hasErrors(): boolean;
}

export function createReporter(file: string, locate: Locator): PlanReporter {
  const issues: PlanIssue[] = [];
  const seen = new Set<string>();
  const add = (
    severity: PlanIssue["severity"],
    path: readonly PathSegment[],
    message: string,
    options: ReportOptions,
  ) => {
    const { line, column } = locate(path, options.at);
    const issue: PlanIssue = { file, line, column, path: formatPath(path), message, severity, code: options.code };
    if (options.hint !== undefined) issue.hint = options.hint;
    const key = `${severity}|${line}|${column}|${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    issues.push(issue);
  };
  return {
    error: (path, message, options) => add("error", path, message, options),
    warning: (path, message, options) => add("warning", path, message, options),
    issues,
    hasErrors: () => issues.some((issue) => issue.severity === "error"),
  };
}

/** Errors first, then by position: what editors and `PlanError` expect. */
export function sortIssues(issues: readonly PlanIssue[]): PlanIssue[] {
  const rank = (issue: PlanIssue) => (issue.severity === "error" ? 0 : 1);
  return [...issues].sort((a, b) => rank(a) - rank(b) || a.line - b.line || a.column - b.column);
}
