import { findTaskPulls, type PassedTaskGates } from "../core/index.js";
import { ensureGateCheck } from "./ensure-gate-check.js";
import type { Delivery } from "./open-delivery.js";

/**
 * At most this many open pull requests into the default branch are looked at, and so judged again,
 * per delivery when a Task gate passes (the most recently updated ones; docs/merge-gate.md).
 */
export const MAX_REJUDGED_PULLS = 30;

/**
 * `tasks` just passed their Task gate: `phasegate/gate` of their open pull requests into the default
 * branch (linked, or touching their `paths`; the core's findTaskPulls) is judged again, so a pull
 * request held only by that gate turns green without a push. Each is written only when the verdict
 * changed. The milestone is judged as the step that passed the gate left it (its log is not read
 * again), the default branch's plans as this delivery read them (ADR 36). A failure here is logged:
 * the command it follows has been done and answered.
 */
export async function rejudgeTaskPulls(d: Delivery, passed: PassedTaskGates | undefined): Promise<void> {
  if (!passed || passed.tasks.length === 0) return;
  const { handle, tasks } = passed;
  try {
    d.milestones.set(handle.plan.id, handle);
    const base = d.defaultBranch ?? (await d.ctx.repo.defaultBranch());
    const pulls = await findTaskPulls(d.ctx, handle.plan, tasks, { base, max: MAX_REJUDGED_PULLS });
    for (const { pull, changedFiles, link } of pulls) {
      await ensureGateCheck(d, {
        ...pull,
        link,
        changedFiles: changedFiles ?? (await d.ctx.tracker.listPullRequestFiles(pull.number, { removed: true })),
      });
    }
  } catch (error) {
    d.ctx.logger.warn(`re-judging phasegate/gate after ${tasks.join(", ")}: ${String(error)}`);
  }
}
