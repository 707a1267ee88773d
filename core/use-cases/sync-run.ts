import type { Plan, Task } from "../plan/plan.js";
import { computeLabels } from "../projection/labels.js";
import type { Comment, Projection, TrackedIssue, TrackerOp, TrackerResult } from "../projection/projection.js";
import { reconcileDashboard } from "./reconcile-dashboard.js";
import { reconcileIssues } from "./reconcile-issues.js";
import { reconcileLabels } from "./reconcile-labels.js";
import { BLOCKED_BY_MAX, reconcileLinks } from "./reconcile-links.js";
import { reconcileMilestone } from "./reconcile-milestone.js";
import { reconcileRemovedIssues } from "./reconcile-removed-issues.js";
import { reconcileSubIssues, SUB_ISSUES_MAX } from "./reconcile-sub-issues.js";
import type { SyncBase } from "./sync-base.js";
import { TrackedIssues } from "./tracked-issues.js";

/** Where a sync writes: the real tracker, or a simulation that only counts (dry run, totals). */
export interface SyncTarget {
  apply(op: TrackerOp): Promise<TrackerResult>;
  /** The issue as it is right now (the dashboard is re-read just before it is edited). */
  fresh(number: number): Promise<TrackedIssue | undefined>;
  blockedBy(number: number): Promise<number[]>;
  comments(number: number): Promise<Comment[]>;
}

export interface SyncBudget {
  maxWrites?: number;
  deadline?: () => boolean;
}

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

/**
 * The reconcilers in order, each planning its writes from what GitHub has (pure) and recording each
 * write as it lands, so the next plan sees it: labels, the milestone, task issues (dependencies first,
 * so a body links to issues that exist), removed tasks' issues, the dashboard, then sub-issues and
 * "blocked by" links. The reads a plan needs (comments, a fresh dashboard, present links) happen here.
 */
class SyncPass {
  private readonly issues: TrackedIssues;

  constructor(
    private readonly base: SyncBase,
    private readonly target: SyncTarget,
    private readonly actual: Projection,
    private readonly write: (op: TrackerOp) => Promise<TrackerResult>,
    private readonly notes: string[],
  ) {
    this.issues = new TrackedIssues(actual, base.plan.id);
  }

  async run(): Promise<void> {
    const { plan, state } = this.base;
    for (const write of reconcileLabels.plan(computeLabels(plan, this.base.labels), this.actual.labels)) {
      await this.write(write);
      reconcileLabels.apply(write, this.actual.labels);
    }
    const milestoneWrite = reconcileMilestone.plan(plan, state, this.actual);
    const milestone = milestoneWrite
      ? reconcileMilestone.apply(milestoneWrite, await this.write(milestoneWrite), this.actual)
      : this.actual.milestone!.number;
    for (const task of dependencyOrder(plan.tasks)) await this.taskIssue(task, milestone);
    await this.closeRemoved();
    await this.dashboard(milestone);
    for (const write of reconcileSubIssues.plan(plan.tasks, this.issues)) {
      await this.write(write);
      reconcileSubIssues.apply(write, this.issues);
    }
    await this.blockedBy();
  }

  private async taskIssue(task: Task, milestone: number): Promise<void> {
    const { write, drifted } = reconcileIssues.plan(this.base, task, milestone, this.issues);
    if (!write) return;
    reconcileIssues.apply(write, await this.write(write), task, this.issues);
    const issue = this.issues.byTask.get(task.id);
    if (!drifted || !issue) return;
    const comment = reconcileIssues.driftComment(this.base, task, issue, await this.target.comments(issue.number));
    if (comment) await this.write(comment);
  }

  private async closeRemoved(): Promise<void> {
    for (const [taskId, issue] of reconcileRemovedIssues.find(this.base.plan, this.issues.byTask)) {
      const comments = await this.target.comments(issue.number);
      for (const write of reconcileRemovedIssues.plan(this.base.plan, taskId, issue, comments)) {
        await this.write(write);
        reconcileRemovedIssues.apply(write, issue);
      }
    }
  }

  private async dashboard(milestone: number): Promise<void> {
    const desired = reconcileDashboard.desired(this.base, this.notes, milestone, this.issues);
    const current = this.issues.dashboard;
    let write = reconcileDashboard.plan(this.base, desired, current);
    // Re-read right before writing: a person may have just ticked a request box (handled by the App).
    if (write && current)
      write = reconcileDashboard.plan(this.base, desired, (await this.target.fresh(current.number)) ?? current);
    if (!write) return;
    reconcileDashboard.apply(write, await this.write(write), this.issues);
    const created = !current && this.issues.dashboard;
    const comment = created ? reconcileDashboard.gettingStarted(this.base, created) : undefined;
    if (comment) await this.write(comment);
  }

  private async blockedBy(): Promise<void> {
    for (const task of this.base.plan.tasks) {
      const found = reconcileLinks.find(task, this.issues);
      if (!found) continue;
      const { issue, blockers } = found;
      const present = new Set(issue.blockedByCount > 0 ? await this.target.blockedBy(issue.number) : []);
      for (const write of reconcileLinks.plan(issue, blockers, present)) {
        await this.write(write);
        reconcileLinks.apply(write, issue);
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
