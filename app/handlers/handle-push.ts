import type { Context as ProbotContext } from "probot";
import {
  CommandRefused,
  findBranchMilestones,
  milestoneIdOf,
  MilestoneHandle,
  PlanError,
  STEP_COMMIT,
} from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { advanceMilestone } from "../advance-milestone.js";
import { applySettings } from "../apply-settings.js";
import { checkPlans, planPaths } from "../check-plans.js";
import { openDelivery } from "../open-delivery.js";
import { syncMilestone } from "../sync-milestone.js";

/**
 * `push` to the default branch that touches a plan: the `phasegate/plan` check on the pushed commit,
 * then a sync of every changed, valid plan (within the delivery's budget; it continues by itself).
 * `push` to a milestone branch (deliverables committed, a pull request merged): the milestone
 * advances as far as its deliverables and approvals allow. Phasegate's own step commits are not work.
 */
export async function handlePush(context: ProbotContext<"push">, deps: AppDeps): Promise<void> {
  const { ref, after, commits, repository, sender, deleted } = context.payload;
  if (deleted || !ref.startsWith("refs/heads/")) return;
  if (ref !== `refs/heads/${repository.default_branch}`) {
    if (commits.length === 0 || commits.every((c) => STEP_COMMIT.test(c.message))) return;
    const d = await openDelivery(context, deps, sender?.login ?? "phasegate");
    for (const id of await findBranchMilestones(d.ctx, ref.slice("refs/heads/".length))) {
      await ignoreRefusals(advanceMilestone(d, id));
    }
    return;
  }
  const touched = commits.flatMap((c) => [...(c.added ?? []), ...(c.modified ?? [])]);
  const paths = planPaths(touched);
  if (paths.length === 0) return;
  const d = await openDelivery(context, deps, sender?.login ?? "phasegate");
  await checkPlans(d, after, paths);
  for (const path of paths) {
    await ignoreRefusals(
      (async () => {
        const handle = await MilestoneHandle.open(d.ctx, milestoneIdOf(path), "sync");
        await applySettings(handle, d);
        await syncMilestone(d, handle);
      })(),
    );
  }
}

/** The check run already explains an invalid plan at file:line, and a refusal here has nobody to answer. */
async function ignoreRefusals(work: Promise<unknown>): Promise<void> {
  try {
    await work;
  } catch (error) {
    if (!(error instanceof PlanError || error instanceof CommandRefused)) throw error;
  }
}
