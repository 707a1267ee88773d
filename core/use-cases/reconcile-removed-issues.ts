import type { Plan } from "../plan/plan.js";
import { removalMarker } from "../projection/markers.js";
import type { Comment, TrackedIssue, TrackerOp } from "../projection/projection.js";

export type RemovalWrite = Extract<TrackerOp, { kind: "create-comment" | "update-issue" }>;

/** Issues of tasks removed from the plan: closed as not planned, with a note. Nothing is deleted. */
export const reconcileRemovedIssues = {
  /** Pure: the open issues whose task the plan no longer has (their comments are read next). */
  find(plan: Plan, byTask: ReadonlyMap<string, TrackedIssue>): [string, TrackedIssue][] {
    const ids = new Set(plan.tasks.map((t) => t.id));
    return [...byTask].filter(([taskId, issue]) => !ids.has(taskId) && issue.state !== "closed");
  },

  /** Pure: the note (unless `comments` hold it already), then the close. */
  plan(plan: Plan, taskId: string, issue: TrackedIssue, comments: readonly Comment[]): RemovalWrite[] {
    const writes: RemovalWrite[] = [];
    const marker = removalMarker(plan.id, taskId);
    if (!comments.some((c) => c.body.includes(marker))) {
      const body = `${marker}\n\`${taskId}\` is no longer in the plan (\`${plan.file}\`), so this issue is closed as not planned. Its history stays in the event log.`;
      writes.push({ kind: "create-comment", issue: issue.number, marker, body });
    }
    writes.push({ kind: "update-issue", number: issue.number, issue: { state: "closed", stateReason: "not_planned" } });
    return writes;
  },

  /** Records a landed write in the issue. */
  apply(write: RemovalWrite, issue: TrackedIssue): void {
    if (write.kind === "update-issue") Object.assign(issue, write.issue);
  },
};
