import type { Context as ProbotContext } from "probot";
import {
  CommandRefused,
  findBranchMilestones,
  listPlanFiles,
  milestoneIdOf,
  MilestoneHandle,
  PlanError,
  SETTINGS_PATH,
  STEP_COMMIT,
} from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { advanceMilestone } from "../advance-milestone.js";
import { checkPlans, planPaths } from "../check-plans.js";
import { openDelivery } from "../open-delivery.js";
import { syncMilestone } from "../sync-milestone.js";

/**
 * `push` to the default branch that touches a plan (or the repository settings): the `phasegate/plan`
 * check on the pushed commit, then a sync of every changed, valid plan (within the delivery's budget;
 * it continues by itself). `push` to a milestone branch (deliverables committed, a pull request
 * merged): the milestone advances as far as its deliverables and approvals allow. Phasegate's own
 * step commits are not work.
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
  // A change to `.github/phasegate.yml` changes every plan's decisions and labels: check and sync all.
  const settings = touched.includes(SETTINGS_PATH);
  if (planPaths(touched).length === 0 && !settings) return;
  const d = await openDelivery(context, deps, sender?.login ?? "phasegate");
  const paths = settings ? await listPlanFiles(await d.ports.repo.snapshot(after)) : planPaths(touched);
  // Only plans the check passed: an ambiguous, symlinked or otherwise invalid one is explained there.
  for (const path of await checkPlans(d, after, paths)) {
    await ignoreRefusals(
      (async () => syncMilestone(d, await MilestoneHandle.open(d.ctx, milestoneIdOf(path), "sync")))(),
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
