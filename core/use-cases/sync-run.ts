import type { MilestoneState, TaskState } from "../events/state.js";
import type { Plan, Task } from "../plan/plan.js";
import { computeLabels, isManagedLabel, labelNames, type LabelOptions } from "../projection/labels.js";
import { repositoryUrlOf, type IssueLinks } from "../projection/issue-links.js";
import {
  dashboardMarker,
  driftMarker,
  gettingStartedMarker,
  milestoneMarker,
  parseMarker,
  removalMarker,
  taskMarker,
} from "../projection/markers.js";
import type {
  Comment,
  IssueSpec,
  Projection,
  TrackedIssue,
  TrackerOp,
  TrackerResult,
} from "../projection/projection.js";
import { renderDashboard } from "../projection/render-dashboard.js";
import { renderGettingStarted } from "../commands/render-getting-started.js";
import { renderMilestoneDescription } from "../projection/render-milestone-description.js";
import { renderTaskIssue } from "../projection/render-task-issue.js";
import type { StatusView } from "../render/status-view.js";
import { diffIssue, diffMilestone } from "./sync-diff.js";
import type { SyncOptions } from "./sync.js";

/** Where a sync writes: the real tracker, or a simulation that only counts (dry run, totals). */
export interface SyncTarget {
  apply(op: TrackerOp): Promise<TrackerResult>;
  /** The issue as it is right now (the dashboard is re-read just before it is edited). */
  fresh(number: number): Promise<TrackedIssue | undefined>;
  blockedBy(number: number): Promise<number[]>;
  comments(number: number): Promise<Comment[]>;
}

export interface SyncBase {
  plan: Plan;
  state: MilestoneState;
  view: StatusView;
  /** From the repository's settings (MilestoneHandle.labels). */
  labels: LabelOptions;
  options: SyncOptions;
}

export interface SyncBudget {
  maxWrites?: number;
  deadline?: () => boolean;
}

/** GitHub's limits (https://docs.github.com/en/issues/tracking-your-work-with-issues). */
const SUB_ISSUES_MAX = 100;
const BLOCKED_BY_MAX = 50;
const STOP = Symbol("budget");

/** One pass of the sync over `actual` (mutated as writes land). Stops cleanly at the budget. */
export async function runSync(
  base: SyncBase,
  target: SyncTarget,
  actual: Projection,
  budget: SyncBudget,
): Promise<{ writes: TrackerOp[]; complete: boolean; notes: string[] }> {
  const writes: TrackerOp[] = [];
  const write = async (op: TrackerOp): Promise<TrackerResult> => {
    if ((budget.maxWrites !== undefined && writes.length >= budget.maxWrites) || budget.deadline?.()) throw STOP;
    const result = await target.apply(op);
    writes.push(op);
    return result;
  };
  const notes = limitNotes(base.plan);
  try {
    await new SyncPass(base, target, actual, write, notes).run();
    return { writes, complete: true, notes };
  } catch (error) {
    if (error === STOP) return { writes, complete: false, notes };
    throw error;
  }
}

class SyncPass {
  private readonly byTask = new Map<string, TrackedIssue>();
  private dashboard: TrackedIssue | undefined;
  private readonly names;

  constructor(
    private readonly base: SyncBase,
    private readonly target: SyncTarget,
    private readonly actual: Projection,
    private readonly write: (op: TrackerOp) => Promise<TrackerResult>,
    private readonly notes: string[],
  ) {
    this.names = labelNames(base.labels);
    for (const issue of [...actual.issues].sort((a, b) => a.number - b.number)) {
      const marker = parseMarker(issue.body);
      if (issue.pullRequest || !marker || !("milestone" in marker) || marker.milestone !== base.plan.id) continue;
      if (marker.kind === "task" && !this.byTask.has(marker.task)) this.byTask.set(marker.task, issue);
      if (marker.kind === "dashboard") this.dashboard ??= issue;
    }
  }

  async run(): Promise<void> {
    await this.labels();
    const milestone = await this.milestone();
    for (const task of dependencyOrder(this.base.plan.tasks)) await this.taskIssue(task, milestone);
    await this.closeRemoved();
    await this.dashboardIssue(milestone);
    await this.links();
  }

  private links_(): IssueLinks {
    // From what GitHub says (the milestone's page), never from the shell: the same in every shell.
    const repositoryUrl = repositoryUrlOf(this.actual.milestone?.url);
    return {
      issueNumberOf: (id) => this.byTask.get(id)?.number,
      ...(repositoryUrl !== undefined && { repositoryUrl }),
      ...(this.dashboard && { dashboard: this.dashboard.number }),
    };
  }

  private async labels(): Promise<void> {
    for (const label of computeLabels(this.base.plan, this.base.labels)) {
      const found = this.actual.labels.find((l) => l.name.toLowerCase() === label.name.toLowerCase());
      if (!found) {
        await this.write({ kind: "create-label", label });
        this.actual.labels.push({ ...label });
      } else if (found.color.toLowerCase() !== label.color.toLowerCase() || found.description !== label.description) {
        await this.write({ kind: "update-label", name: found.name, label });
        Object.assign(found, label);
      }
    }
  }

  private async milestone(): Promise<number> {
    const { plan, state } = this.base;
    const spec = {
      title: plan.title,
      description: renderMilestoneDescription(plan, state),
      dueOn: plan.due ?? null,
      state: state.status === "completed" ? ("closed" as const) : ("open" as const),
    };
    const current = this.actual.milestone;
    if (!current) {
      const result = await this.write({ kind: "create-milestone", marker: milestoneMarker(plan.id), milestone: spec });
      if (result.kind !== "milestone") throw new Error("the tracker did not return the milestone it created");
      this.actual.milestone = result.milestone;
      return result.milestone.number;
    }
    const change = diffMilestone(current, spec);
    if (change) {
      await this.write({ kind: "update-milestone", number: current.number, milestone: change });
      Object.assign(current, change);
    }
    return current.number;
  }

  private async taskIssue(task: Task, milestone: number): Promise<void> {
    const { plan, state } = this.base;
    const t = state.tasks[plan.tasks.indexOf(task)];
    if (!t) return;
    const desired: IssueSpec = {
      ...renderTaskIssue(plan, task, t, state, this.links_(), {
        labels: this.base.labels,
        gate: this.base.view.tasks[plan.tasks.indexOf(task)]?.gate ?? null,
      }),
      milestone,
    };
    const current = this.byTask.get(task.id);
    if (!current) {
      const result = await this.write({ kind: "create-issue", marker: taskMarker(plan.id, task.id), issue: desired });
      if (result.kind === "issue") this.byTask.set(task.id, result.issue);
      return;
    }
    const change = diffIssue(current, desired, (name) => isManagedLabel(name, this.base.labels));
    if (!change) return;
    const drifted = this.phaseLabelMoved(current, desired, task, t);
    await this.write({ kind: "update-issue", number: current.number, issue: change });
    Object.assign(current, change);
    if (drifted) await this.explainDrift(current, task);
  }

  /**
   * A phase label someone added or removed by hand: state comes from the log, never from labels. One
   * label of a phase the task has left is the last sync's render (the log moved on since), not drift.
   */
  private phaseLabelMoved(current: TrackedIssue, desired: IssueSpec, task: Task, t: TaskState): boolean {
    const prefix = this.names.phase("").toLowerCase();
    const phases = (labels: string[]) => labels.map((l) => l.toLowerCase()).filter((l) => l.startsWith(prefix));
    const now = phases(current.labels);
    if (now.sort().join() === phases(desired.labels).sort().join()) return false;
    const reached = t.status === "completed" ? task.phases.length : task.phases.findIndex((p) => p.id === t.phase);
    const left = new Set(task.phases.slice(0, Math.max(0, reached)).map((p) => this.names.phase(p.id).toLowerCase()));
    return !(now.length <= 1 && now.every((l) => left.has(l)));
  }

  private async explainDrift(issue: TrackedIssue, task: Task): Promise<void> {
    const marker = driftMarker(this.base.plan.id, task.id);
    if ((await this.target.comments(issue.number)).some((c) => c.body.includes(marker))) return;
    const body =
      `${marker}\nThe phase label was changed by hand and has been put back. Phases move through the ` +
      "event log, not labels: a phase completes when its deliverables validate and, where it has a gate, " +
      "an approver comments `/approve`. Comment `/help` to see the commands.";
    await this.write({ kind: "create-comment", issue: issue.number, marker, body });
  }

  /** Tasks removed from the plan: their issues are closed as not planned, with a note. Nothing is deleted. */
  private async closeRemoved(): Promise<void> {
    const ids = new Set(this.base.plan.tasks.map((t) => t.id));
    for (const [taskId, issue] of this.byTask) {
      if (ids.has(taskId) || issue.state === "closed") continue;
      const marker = removalMarker(this.base.plan.id, taskId);
      if (!(await this.target.comments(issue.number)).some((c) => c.body.includes(marker))) {
        const body = `${marker}\n\`${taskId}\` is no longer in the plan (\`${this.base.plan.file}\`), so this issue is closed as not planned. Its history stays in the event log.`;
        await this.write({ kind: "create-comment", issue: issue.number, marker, body });
      }
      const change = { state: "closed" as const, stateReason: "not_planned" as const };
      await this.write({ kind: "update-issue", number: issue.number, issue: change });
      Object.assign(issue, change);
    }
  }

  private async dashboardIssue(milestone: number): Promise<void> {
    const { plan, view, state } = this.base;
    const rendered = renderDashboard(plan, view, this.links_(), {
      notes: this.notes,
      events: state.recent,
      labels: this.base.labels,
    });
    const desired: IssueSpec = {
      ...rendered,
      labels: [this.names.managed, this.names.dashboard],
      assignees: [],
      milestone,
      state: "open",
    };
    if (!this.dashboard) {
      const result = await this.write({ kind: "create-issue", marker: dashboardMarker(plan.id), issue: desired });
      if (result.kind !== "issue") return;
      this.dashboard = result.issue;
      // Only with the dashboard's creation: a redelivered or continued sync finds the dashboard and posts nothing.
      if (this.base.options.gettingStarted) {
        const marker = gettingStartedMarker(plan.id);
        await this.write({
          kind: "create-comment",
          issue: result.issue.number,
          marker,
          body: renderGettingStarted(plan),
        });
      }
      return;
    }
    const managed = (name: string) => isManagedLabel(name, this.base.labels);
    if (!diffIssue(this.dashboard, desired, managed)) return;
    // Re-read right before writing: a person may have just ticked a request box (handled by the App).
    const fresh = (await this.target.fresh(this.dashboard.number)) ?? this.dashboard;
    const change = diffIssue(fresh, desired, managed);
    if (!change) return;
    await this.write({ kind: "update-issue", number: fresh.number, issue: change });
    Object.assign(this.dashboard, change);
  }

  /** Native sub-issues under the dashboard and "blocked by" links, within GitHub's limits. */
  private async links(): Promise<void> {
    const dashboard = this.dashboard;
    const tasks = this.base.plan.tasks;
    if (dashboard) {
      for (const task of tasks.slice(0, SUB_ISSUES_MAX)) {
        const issue = this.byTask.get(task.id);
        if (!issue || issue.parent !== null) continue;
        await this.write({
          kind: "add-sub-issue",
          parent: dashboard.number,
          child: { number: issue.number, id: issue.id },
        });
        issue.parent = dashboard.number;
      }
    }
    for (const task of tasks) {
      const issue = this.byTask.get(task.id);
      const blockers = task.dependencies
        .slice(0, BLOCKED_BY_MAX)
        .map((id) => this.byTask.get(id))
        .filter((x): x is TrackedIssue => x !== undefined);
      if (!issue || blockers.length === 0 || issue.blockedByCount >= blockers.length) continue;
      const present = new Set(issue.blockedByCount > 0 ? await this.target.blockedBy(issue.number) : []);
      for (const blocker of blockers.filter((b) => !present.has(b.number))) {
        await this.write({
          kind: "add-blocked-by",
          issue: issue.number,
          blocker: { number: blocker.number, id: blocker.id },
        });
        issue.blockedByCount += 1;
      }
    }
  }
}

/** Dependencies before dependents (plan order otherwise), so no issue body needs a second edit. */
function dependencyOrder(tasks: readonly Task[]): Task[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const done = new Set<string>();
  const out: Task[] = [];
  const visit = (task: Task) => {
    if (done.has(task.id)) return;
    done.add(task.id);
    for (const dep of task.dependencies) {
      const found = byId.get(dep);
      if (found) visit(found);
    }
    out.push(task);
  };
  tasks.forEach(visit);
  return out;
}

function limitNotes(plan: Plan): string[] {
  const notes: string[] = [];
  if (plan.tasks.length > SUB_ISSUES_MAX)
    notes.push(
      `Only the first ${SUB_ISSUES_MAX} of ${plan.tasks.length} task issues are sub-issues of this dashboard (GitHub's limit per parent).`,
    );
  const wide = plan.tasks.filter((t) => t.dependencies.length > BLOCKED_BY_MAX).map((t) => t.id);
  if (wide.length > 0)
    notes.push(
      `Tasks ${wide.join(", ")} have more than ${BLOCKED_BY_MAX} dependencies; only ${BLOCKED_BY_MAX} are linked as "blocked by" (GitHub's limit). Phasegate enforces all of them.`,
    );
  return notes;
}
