import type { Snapshot } from "../ports.js";
import type { Context } from "./context.js";
import { listPlanFiles } from "./find-plan.js";
import { parseCached } from "./open-plan.js";
import { readRepositorySettings } from "./read-repository-settings.js";

/**
 * The milestones whose plan, as committed on the default branch, names `branch` as their milestone
 * branch (a webhook about a branch only says its name). Plans are parsed through the context's plan
 * cache, so an unchanged plan is not parsed again; invalid plans name no branch.
 */
export async function findBranchMilestones(ctx: Context, branch: string, defaultBranch?: Snapshot): Promise<string[]> {
  const snapshot = defaultBranch ?? (await ctx.repo.snapshot(await ctx.repo.defaultBranch()));
  const settings = await readRepositorySettings(ctx, snapshot);
  const ids: string[] = [];
  for (const path of await listPlanFiles(snapshot)) {
    const file = await snapshot.read(path);
    if (!file) continue;
    const { plan } = await parseCached(ctx, file, settings);
    if (plan?.branch === branch) ids.push(plan.id);
  }
  return ids;
}
