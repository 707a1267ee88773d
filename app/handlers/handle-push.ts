import type { Context as ProbotContext } from "probot";
import { CommandRefused, milestoneIdOf, MilestoneHandle, PlanError } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { checkPlans, planPaths } from "../check-plans.js";
import { openDelivery } from "../open-delivery.js";
import { syncMilestone } from "../sync-milestone.js";

/**
 * `push` to the default branch that touches a plan: the `phasegate/plan` check on the pushed commit,
 * then a sync of every changed, valid plan (within the delivery's budget; it continues by itself).
 */
export async function handlePush(context: ProbotContext<"push">, deps: AppDeps): Promise<void> {
  const { ref, after, commits, repository, sender, deleted } = context.payload;
  if (deleted || ref !== `refs/heads/${repository.default_branch}`) return;
  const touched = commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? [])]);
  const paths = planPaths(touched);
  if (paths.length === 0) return;
  const d = await openDelivery(context, deps, sender?.login ?? "phasegate");
  await checkPlans(d, after, paths);
  for (const path of paths) {
    try {
      const handle = await MilestoneHandle.open(d.ctx, milestoneIdOf(path), "sync");
      await syncMilestone(d, handle);
    } catch (error) {
      // The check run already explains an invalid plan at file:line; nothing to sync.
      if (!(error instanceof PlanError || error instanceof CommandRefused)) throw error;
    }
  }
}
