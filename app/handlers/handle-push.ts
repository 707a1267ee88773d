import type { Context as ProbotContext } from "probot";
import {
  CommandRefused,
  listPlanFiles,
  milestoneIdOf,
  MilestoneHandle,
  PlanError,
  SETTINGS_PATH,
} from "../../core/index.js";
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
  // A change to `.github/phasegate.yml` changes every plan's decisions and labels: check and sync all.
  const settings = touched.includes(SETTINGS_PATH);
  if (planPaths(touched).length === 0 && !settings) return;
  const d = await openDelivery(context, deps, sender?.login ?? "phasegate");
  const paths = settings ? await listPlanFiles(await d.ports.repo.snapshot(after)) : planPaths(touched);
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
