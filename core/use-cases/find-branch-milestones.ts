import type { Snapshot } from "../ports.js";
import type { Context } from "./context.js";
import { readCommittedPlans } from "./read-committed-plans.js";

/**
 * The milestones whose plan, as committed on the default branch, names `branch` as their milestone
 * branch (a webhook about a branch only says its name). Plans are parsed through the context's plan
 * cache, so an unchanged plan is not parsed again; invalid plans name no branch.
 */
export async function findBranchMilestones(ctx: Context, branch: string, defaultBranch?: Snapshot): Promise<string[]> {
  const snapshot = defaultBranch ?? (await ctx.repo.snapshot(await ctx.repo.defaultBranch()));
  return (await readCommittedPlans(ctx, snapshot)).flatMap(({ plan }) => (plan?.branch === branch ? [plan.id] : []));
}
