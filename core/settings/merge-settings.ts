import type { Permission, Phase } from "../plan/plan.js";
import type { RepositorySettings } from "./repository-settings.js";

/** The settings a plan and the repository file can both set, as the plan file writes them (unset: undefined). */
export interface PlanSetValues {
  allow_self_approval?: boolean | undefined;
  min_approver_permission?: Permission | undefined;
  auto_start?: boolean | undefined;
}

/** What applies when neither the plan nor `.github/phasegate.yml` says. */
export const BUILT_IN_SETTINGS = {
  allowSelfApproval: false,
  minApproverPermission: "write" as Permission,
  autoStart: true,
};

export type MergedSettings = typeof BUILT_IN_SETTINGS;

/**
 * The plan's value where it sets one; else the repository file's; else the built-in default. The
 * same rule in every shell, because it runs where the plan is built (core/plan/build-plan.ts).
 */
export function mergeSettings(plan: PlanSetValues | undefined, file: RepositorySettings | undefined): MergedSettings {
  return {
    allowSelfApproval: plan?.allow_self_approval ?? file?.allowSelfApproval ?? BUILT_IN_SETTINGS.allowSelfApproval,
    minApproverPermission:
      plan?.min_approver_permission ?? file?.minApproverPermission ?? BUILT_IN_SETTINGS.minApproverPermission,
    autoStart: plan?.auto_start ?? file?.autoStart ?? BUILT_IN_SETTINGS.autoStart,
  };
}

/** A phase keeps the limit its workflow or task gives it; one without takes the file's for its id. */
export function mergeTimeLimit(phase: Phase, file: RepositorySettings | undefined): Phase {
  if (phase.timeLimitMs !== undefined || !file || !Object.hasOwn(file.timeLimitsMs, phase.id)) return phase;
  return { ...phase, timeLimitMs: file.timeLimitsMs[phase.id]! };
}
