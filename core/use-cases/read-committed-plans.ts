import type { Plan } from "../plan/plan.js";
import type { Snapshot } from "../ports.js";
import type { Context } from "./context.js";
import { listPlanFiles } from "./find-plan.js";
import { parseCached } from "./open-plan.js";
import { readRepositorySettings } from "./read-repository-settings.js";

/** One plan file on the default branch: its plan, or none when it does not validate. */
export interface CommittedPlan {
  path: string;
  plan?: Plan;
}

/**
 * Every plan file of `snapshot` (the default branch), parsed with the repository's settings through
 * the context's plan cache, so an unchanged plan is not parsed again. What a webhook about a branch
 * or a pull request decides from: which milestone a branch is, which plans a change concerns.
 */
export async function readCommittedPlans(ctx: Context, snapshot: Snapshot): Promise<CommittedPlan[]> {
  const settings = await readRepositorySettings(ctx, snapshot);
  const out: CommittedPlan[] = [];
  for (const path of await listPlanFiles(snapshot)) {
    const file = await snapshot.read(path);
    if (!file) continue;
    const { plan } = await parseCached(ctx, file, settings);
    out.push({ path, ...(plan && { plan }) });
  }
  return out;
}
