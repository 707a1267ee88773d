import type { Plan } from "../core/index.js";
import { findTaskPulls } from "../core/index.js";
import { ensureGateCheck } from "./ensure-gate-check.js";
import type { Delivery } from "./open-delivery.js";

/**
 * At most this many open pull requests into the default branch are looked at, and so judged again,
 * per delivery when a Task gate passes (the most recently updated ones; docs/merge-gate.md).
 */
export const MAX_REJUDGED_PULLS = 30;

/**
 * `tasks` of `plan` just passed their Task gate: `phasegate/gate` of their open pull requests into
 * the default branch (linked, or touching their `paths`; the core's findTaskPulls) is judged again,
 * so a pull request held only by that gate turns green without a push. Each is written only when
 * the verdict changed. A failure here is logged: the command it follows has been done and answered.
 */
export async function rejudgeTaskPulls(
  d: Delivery,
  passed: { plan: Plan; tasks: string[] } | undefined,
): Promise<void> {
  if (!passed || passed.tasks.length === 0) return;
  try {
    const base = d.defaultBranch ?? (await d.ctx.repo.defaultBranch());
    const pulls = await findTaskPulls(d.ctx, passed.plan, passed.tasks, { base, max: MAX_REJUDGED_PULLS });
    for (const { pull, changedFiles } of pulls) {
      await ensureGateCheck(d, {
        ...pull,
        changedFiles: changedFiles ?? (await d.ctx.tracker.listPullRequestFiles(pull.number, { removed: true })),
      });
    }
  } catch (error) {
    d.ctx.logger.warn(`re-judging phasegate/gate after ${passed.tasks.join(", ")}: ${String(error)}`);
  }
}
