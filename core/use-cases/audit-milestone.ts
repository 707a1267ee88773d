import { auditLog } from "../events/audit-log.js";
import type { LogProblem } from "../events/parse-log.js";
import type { Plan } from "../plan/plan.js";
import { parsePlan } from "../plan/parse-plan.js";
import { parseRepositorySettings } from "../settings/parse-repository-settings.js";
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
  const key = (plan: string | undefined, settings: string | undefined) => `${plan ?? ""}+${settings ?? ""}`;
  const plans = new Map<string, Plan | undefined>([[key(handle.planVersion, handle.settingsVersion), handle.plan]]);
  const notes: string[] = [];
  for (const e of handle.verifiedEvents) {
    const version = e.details.plan_version;
    const settingsVersion = typeof e.details.settings_version === "string" ? e.details.settings_version : undefined;
    if (typeof version !== "string" || plans.has(key(version, settingsVersion))) continue;
    const plan = await readPlanVersion(ctx, handle, version, settingsVersion);
    if (!plan)
      notes.push(
        `plan version ${version.slice(0, 12)} (line ${e.seq}) is not in this repository; checked against ${handle.defaultBranch}'s plan`,
      );
    plans.set(key(version, settingsVersion), plan ?? handle.plan);
  }
  const findings = auditLog(
    (version, settingsVersion) => (version === undefined ? handle.plan : plans.get(key(version, settingsVersion))),
    handle.verifiedEvents,
  );
  return { findings, notes };
}

/** The plan as it was decided: its blob, built with the settings blob the event names (none: no file then). */
async function readPlanVersion(
  ctx: Context,
  handle: MilestoneHandle,
  version: string,
  settingsVersion: string | undefined,
): Promise<Plan | undefined> {
  const text = await ctx.repo.readBlob?.(version);
  if (text === undefined) return undefined;
  const settingsText = settingsVersion === undefined ? undefined : await ctx.repo.readBlob?.(settingsVersion);
  const defaults = settingsText === undefined ? undefined : parseRepositorySettings(settingsText).settings;
  return parsePlan(text, handle.plan.file, { defaults }).plan;
}
