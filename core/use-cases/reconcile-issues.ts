import type { TaskState } from "../events/state.js";
import type { Task } from "../plan/plan.js";
import { isManagedLabel, labelNames, type LabelNames } from "../projection/labels.js";
import { driftMarker, taskMarker } from "../projection/markers.js";
import type { Comment, IssueSpec, TrackedIssue, TrackerOp, TrackerResult } from "../projection/projection.js";
import { renderTaskIssue } from "../projection/render-task-issue.js";
import { diffIssue } from "./sync-diff.js";
import type { SyncBase } from "./sync-base.js";
import type { TrackedIssues } from "./tracked-issues.js";

export type IssueWrite = Extract<TrackerOp, { kind: "create-issue" | "update-issue" }>;

/** One task's issue: title, body, labels, assignees and milestone rendered from the plan and the log. */
export const reconcileIssues = {
  /**
   * Pure: the write that creates the task's issue or brings it up to date (none when it is), and
   * whether a person moved its phase label, which the sync puts back and explains once (`driftComment`).
   */
  plan(base: SyncBase, task: Task, milestone: number, issues: TrackedIssues): { write?: IssueWrite; drifted: boolean } {
    const { plan, state } = base;
    const index = plan.tasks.indexOf(task);
    const t = state.tasks[index];
    if (!t) return { drifted: false };
    const desired: IssueSpec = {
      ...renderTaskIssue(plan, task, t, state, issues.links(), {
        labels: base.labels,
        gate: base.view.tasks[index]?.gate ?? null,
      }),
      milestone,
    };
    const current = issues.byTask.get(task.id);
    if (!current)
      return { write: { kind: "create-issue", marker: taskMarker(plan.id, task.id), issue: desired }, drifted: false };
    const change = diffIssue(current, desired, (name) => isManagedLabel(name, base.labels));
    if (!change) return { drifted: false };
    return {
      write: { kind: "update-issue", number: current.number, issue: change },
      drifted: phaseLabelMoved(labelNames(base.labels), current, desired, task, t),
    };
  },

  /** Records a landed write: a created issue is the task's from now on. */
  apply(write: IssueWrite, result: TrackerResult, task: Task, issues: TrackedIssues): void {
    if (write.kind === "create-issue") {
      if (result.kind === "issue") issues.byTask.set(task.id, result.issue);
    } else Object.assign(issues.byTask.get(task.id)!, write.issue);
  },

  /** Pure: the comment on drift (see `plan`), unless the issue's `comments` already hold it. */
  driftComment(base: SyncBase, task: Task, issue: TrackedIssue, comments: readonly Comment[]): TrackerOp | undefined {
    const marker = driftMarker(base.plan.id, task.id);
    if (comments.some((c) => c.body.includes(marker))) return undefined;
    const body =
      `${marker}\nThe phase label was changed by hand and has been put back. Phases move through the ` +
      "event log, not labels: a phase completes when its deliverables validate and, where it has a gate, " +
      "an approver comments `/approve`. Comment `/help` to see the commands.";
    return { kind: "create-comment", issue: issue.number, marker, body };
  },
};

/**
 * A phase label someone added or removed by hand: state comes from the log, never from labels. One
 * label of a phase the task has left is the last sync's render (the log moved on since), not drift.
 */
function phaseLabelMoved(
  names: LabelNames,
  current: TrackedIssue,
  desired: IssueSpec,
  task: Task,
  t: TaskState,
): boolean {
  const prefix = names.phase("").toLowerCase();
  const phases = (labels: string[]) => labels.map((l) => l.toLowerCase()).filter((l) => l.startsWith(prefix));
  const now = phases(current.labels);
  if (now.sort().join() === phases(desired.labels).sort().join()) return false;
  const reached = t.status === "completed" ? task.phases.length : task.phases.findIndex((p) => p.id === t.phase);
  const left = new Set(task.phases.slice(0, Math.max(0, reached)).map((p) => names.phase(p.id).toLowerCase()));
  return !(now.length <= 1 && now.every((l) => left.has(l)));
}
