import type { Task } from "../plan/plan.js";
import type { TrackerOp } from "../projection/projection.js";
import type { TrackedIssues } from "./tracked-issues.js";

/** GitHub's limit of sub-issues per parent (https://docs.github.com/en/issues/tracking-your-work-with-issues). */
export const SUB_ISSUES_MAX = 100;

export type SubIssueWrite = Extract<TrackerOp, { kind: "add-sub-issue" }>;

/** Task issues as native sub-issues of the dashboard, the first 100 tasks in plan order. */
export const reconcileSubIssues = {
  /** Pure: a link for each task issue that has no parent yet (one a person moved elsewhere stays there). */
  plan(tasks: readonly Task[], issues: TrackedIssues): SubIssueWrite[] {
    const dashboard = issues.dashboard;
    if (!dashboard) return [];
    return tasks.slice(0, SUB_ISSUES_MAX).flatMap((task): SubIssueWrite[] => {
      const issue = issues.byTask.get(task.id);
      if (!issue || issue.parent !== null) return [];
      return [{ kind: "add-sub-issue", parent: dashboard.number, child: { number: issue.number, id: issue.id } }];
    });
  },

  /** Records a landed link in the child issue. */
  apply(write: SubIssueWrite, issues: TrackedIssues): void {
    for (const issue of issues.byTask.values()) if (issue.number === write.child.number) issue.parent = write.parent;
  },
};
