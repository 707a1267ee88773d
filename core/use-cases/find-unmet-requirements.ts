import { fold } from "../events/fold.js";
import { parseLog } from "../events/parse-log.js";
import type { MilestoneStatus } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import type { FileReader } from "../ports.js";
import type { Context } from "./context.js";
import { findPlan, logPath } from "./find-plan.js";
import { NO_SETTINGS } from "../settings/repository-settings.js";
import { parseCached } from "./open-plan.js";
import type { ReadSettings } from "./read-repository-settings.js";

export interface UnmetRequirement {
  id: string;
  status: MilestoneStatus | "missing" | "invalid";
}

/** A required plan is read for its tasks' progress alone: the repository's settings change none of it. */
const OWN_KEYS_ONLY: ReadSettings = { settings: NO_SETTINGS, issues: [], notices: [], extended: false };

/**
 * Milestones in `plan.requires` that are not completed. Completed means: its log folds to
 * `completed`, or (the original protocol's layout) its plan lives in `.milestones/completed/`.
 */
export async function findUnmetRequirements(ctx: Context, plan: Plan, plans: FileReader): Promise<UnmetRequirement[]> {
  const unmet: UnmetRequirement[] = [];
  for (const id of plan.requires) {
    const status = await milestoneStatus(ctx, plans, id);
    if (status !== "completed") unmet.push({ id, status });
  }
  return unmet;
}

/** A required milestone's status: its plan from the default branch (`plans`), its log from its own branch. */
async function milestoneStatus(ctx: Context, plans: FileReader, id: string): Promise<UnmetRequirement["status"]> {
  const file = await findPlan(plans, id);
  if (!file) return "missing";
  if (file.path.startsWith(".milestones/completed/")) return "completed";
  // Through the plan cache: a plan that requires another does not parse it again on every command.
  const { plan } = await parseCached(ctx, file, OWN_KEYS_ONLY);
  if (!plan) return "invalid";
  const log = await (await ctx.repo.work(plan.branch)).read(logPath(id));
  return fold(plan, parseLog(log?.text ?? "", id).events).status;
}
