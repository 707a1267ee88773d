import {
  computeLabels,
  renderPartialSync,
  sync,
  type MilestoneHandle,
  type SyncOptions,
  type SyncReport,
} from "../core/index.js";
import { toTrackedMilestone } from "../github/map-tracked.js";
import { GitHubError } from "../github/index.js";
import { IDLE_CONTINUATION_DELAY_MS } from "./app-deps.js";
import { OutOfTime } from "./deadline-clock.js";
import type { Delivery } from "./open-delivery.js";

/** The `repository_dispatch` event type the App sends itself to continue a sync (ADR 0013). */
export const CONTINUE_EVENT = "phasegate-continue";

/**
 * Project the milestone onto GitHub within the delivery's budget. A sync that stops at its budget
 * (an initial sync of hundreds of tasks) continues in the deployment's queue when it has one (ADR 21),
 * else sends `phasegate-continue` to the repository (ADR 13), so the next run goes on from what GitHub
 * then shows: nothing is lost if this process dies.
 */
export async function syncMilestone(d: Delivery, handle: MilestoneHandle, after = false): Promise<SyncReport> {
  let report: SyncReport;
  try {
    report = await sync(d.ctx, handle, {
      maxMs: d.syncBudgetMs,
      gettingStarted: true,
      ...(after && knownAfterCommand(d, handle)),
    });
  } catch (error) {
    // A write that must wait (pacing, a secondary rate limit) past the delivery's deadline, or longer
    // than the client waits at all (the hour's quota spent), was not sent: the sync stops here and
    // resumes from GitHub's state later.
    const limited = error instanceof GitHubError && error.retryAfterMs !== undefined;
    if (!(error instanceof OutOfTime) && !limited) throw error;
    report = { milestone: handle.plan.id, writes: [], total: 0, complete: false, notes: [error.message] };
  }
  // Busy: another delivery holds the sync lease and continues the job itself.
  if (!report.complete && !report.busy) {
    d.ctx.logger.info(renderPartialSync(report, { next: "the delivery's budget was reached; continuing" }));
    if (await enqueue(d, handle.plan.id, report.writes.length > 0)) return report;
    try {
      await d.ctx.tracker.apply({
        kind: "dispatch",
        eventType: CONTINUE_EVENT,
        payload: { milestone: handle.plan.id },
      });
    } catch (error) {
      // The dispatch is a write too: with the hour's content quota spent, GitHub refuses it. Nothing
      // is lost (the sync resumes from GitHub's state): the next event for this milestone, or the
      // scheduled sync workflow (docs/workflows/scan-and-sync.yml), continues the job (ADR 13).
      const reason = error instanceof Error ? error.message : String(error);
      d.ctx.logger.warn(`could not schedule the continuation of ${handle.plan.id}'s sync: ${reason}`);
      report = { ...report, notes: [...report.notes, "continues at the next event or scheduled sync"] };
    }
  }
  return report;
}

/**
 * The continuation in the deployment's queue: true when queued. A queue out of reach is logged and
 * the dispatch stands in for it.
 */
async function enqueue(d: Delivery, milestone: string, progressed: boolean): Promise<boolean> {
  if (!d.continuations || d.installationId === undefined) return false;
  try {
    const c = { installationId: d.installationId, owner: d.owner, repo: d.repo, milestone, round: d.round + 1 };
    await d.continuations.add(
      { ...c, ...(d.defaultBranch && { defaultBranch: d.defaultBranch }) },
      progressed ? 0 : IDLE_CONTINUATION_DELAY_MS,
    );
    return true;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    d.ctx.logger.warn(`could not queue the continuation of ${milestone}'s sync (${reason}); dispatching it`);
    return false;
  }
}

/**
 * After a command: the milestone as the webhook showed it, and the labels as the plan renders them
 * (a full sync created them; a label deleted by hand comes back when an issue is edited with it), so
 * only the milestone's issues are listed; the dashboard is edited from that list without a re-read.
 */
function knownAfterCommand(d: Delivery, handle: MilestoneHandle): Pick<SyncOptions, "known" | "rereadDashboard"> {
  const labels = computeLabels(handle.plan, handle.labels).map((l) => ({ ...l }));
  const milestone = d.payloadMilestone ? toTrackedMilestone(d.payloadMilestone) : undefined;
  return { known: { labels, ...(milestone && { milestone }) }, rereadDashboard: false };
}
