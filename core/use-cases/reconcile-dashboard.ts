import { renderGettingStarted } from "../commands/render-getting-started.js";
import { isManagedLabel, labelNames } from "../projection/labels.js";
import { dashboardMarker, gettingStartedMarker } from "../projection/markers.js";
import type { IssueSpec, TrackedIssue, TrackerOp, TrackerResult } from "../projection/projection.js";
import { renderDashboard } from "../projection/render-dashboard.js";
import { diffIssue } from "./sync-diff.js";
import type { SyncBase } from "./sync-base.js";
import type { TrackedIssues } from "./tracked-issues.js";

export type DashboardWrite = Extract<TrackerOp, { kind: "create-issue" | "update-issue" }>;

/** The milestone's dashboard issue: progress, blockers, recent events and the request boxes. */
export const reconcileDashboard = {
  /** Pure: the dashboard as it should be now (`notes`: what GitHub's limits left out). */
  desired(base: SyncBase, notes: readonly string[], milestone: number, issues: TrackedIssues): IssueSpec {
    const names = labelNames(base.labels);
    const rendered = renderDashboard(base.plan, base.view, issues.links(), {
      notes: [...notes],
      events: base.state.recent,
      labels: base.labels,
    });
    return { ...rendered, labels: [names.managed, names.dashboard], assignees: [], milestone, state: "open" };
  },

  /**
   * Pure: the write that creates the dashboard or brings `current` up to date; none when it is. The
   * sync plans an update twice, the second time on a fresh read (a person may have just ticked a box).
   */
  plan(base: SyncBase, desired: IssueSpec, current: TrackedIssue | undefined): DashboardWrite | undefined {
    if (!current) return { kind: "create-issue", marker: dashboardMarker(base.plan.id), issue: desired };
    const change = diffIssue(current, desired, (name) => isManagedLabel(name, base.labels));
    return change && { kind: "update-issue", number: current.number, issue: change };
  },

  /** Records a landed write. */
  apply(write: DashboardWrite, result: TrackerResult, issues: TrackedIssues): void {
    if (write.kind === "update-issue") Object.assign(issues.dashboard!, write.issue);
    else if (result.kind === "issue") issues.dashboard = result.issue;
  },

  /**
   * Pure: the next steps for a newcomer, posted only with the dashboard's creation (a redelivered or
   * continued sync finds the dashboard and posts nothing), and only where comment commands work.
   */
  gettingStarted(base: SyncBase, dashboard: TrackedIssue): TrackerOp | undefined {
    if (!base.options.gettingStarted) return undefined;
    const marker = gettingStartedMarker(base.plan.id);
    return { kind: "create-comment", issue: dashboard.number, marker, body: renderGettingStarted(base.plan) };
  },
};
