import type { Task } from "../plan/plan.js";
import type { TrackedIssue, TrackerOp } from "../projection/projection.js";
import type { TrackedIssues } from "./tracked-issues.js";

/** GitHub's limit of "blocked by" links per issue. */
export const BLOCKED_BY_MAX = 50;

export type BlockedByWrite = Extract<TrackerOp, { kind: "add-blocked-by" }>;

/** "Blocked by" links from each task's issue to its dependencies' issues, the first 50 of them. */
export const reconcileLinks = {
  /**
   * Pure: the task's issue and its dependencies' issues, when the issue has fewer links than that (only
   * then are its present links read, and only when it has any).
   */
  find(task: Task, issues: TrackedIssues): { issue: TrackedIssue; blockers: TrackedIssue[] } | undefined {
    const issue = issues.byTask.get(task.id);
    const blockers = task.dependencies
      .slice(0, BLOCKED_BY_MAX)
      .map((id) => issues.byTask.get(id))
      .filter((x): x is TrackedIssue => x !== undefined);
    if (!issue || blockers.length === 0 || issue.blockedByCount >= blockers.length) return undefined;
    return { issue, blockers };
  },

  /** Pure: a link to each blocker whose issue number is not `present`. */
  plan(issue: TrackedIssue, blockers: readonly TrackedIssue[], present: ReadonlySet<number>): BlockedByWrite[] {
    return blockers
      .filter((b) => !present.has(b.number))
      .map((b) => ({ kind: "add-blocked-by", issue: issue.number, blocker: { number: b.number, id: b.id } }));
  },

  /** Records a landed link in the blocked issue. */
  apply(_write: BlockedByWrite, issue: TrackedIssue): void {
    issue.blockedByCount += 1;
  },
};
