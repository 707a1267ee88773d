import { auditLog } from "../events/audit-log.js";
import type { LogProblem } from "../events/parse-log.js";
import type { Plan } from "../plan/plan.js";
import { parsePlan } from "../plan/parse-plan.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/**
 * Re-check every transition of the log against the rules and the plan version it records (see
 * auditLog). Each version is read once by its blob id; one the repository lacks is replaced by the
 * current plan, with a note. Events without a version (older logs) are checked against the current plan.
 */
export async function auditMilestone(
  ctx: Context,
  handle: MilestoneHandle,
): Promise<{ findings: LogProblem[]; notes: string[] }> {
  const plans = new Map<string, Plan | undefined>([[handle.planVersion, handle.plan]]);
  const notes: string[] = [];
  const events = await handle.verifiedEvents();
  for (const e of events) {
    const version = e.details.plan_version;
    if (typeof version !== "string" || plans.has(version)) continue;
    const text = await ctx.repo.readBlob?.(version);
    const plan = text === undefined ? undefined : parsePlan(text, handle.plan.file).plan;
    if (!plan)
      notes.push(
        `plan version ${version.slice(0, 12)} (line ${e.seq}) is not in this repository; checked against ${handle.defaultBranch}'s plan`,
      );
    plans.set(version, plan ?? handle.plan);
  }
  const findings = auditLog((version) => (version === undefined ? handle.plan : plans.get(version)), events);
  return { findings, notes };
}
