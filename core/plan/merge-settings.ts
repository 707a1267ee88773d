import type { Permission, Phase } from "./plan.js";

/** The settings a plan and the repository file can both set, as the plan file writes them (unset: undefined). */
export interface PlanSetValues {
  allow_self_approval?: boolean | undefined;
  min_approver_permission?: Permission | undefined;
  auto_start?: boolean | undefined;
}

/**
 * What `.github/phasegate.yml` may set for every plan of the repository (core/settings parses the
 * file into a `RepositorySettings`, which is one of these). Declared here so the plan is built
 * without knowing the settings file.
 */
export interface PlanDefaults {
  minApproverPermission?: Permission;
  allowSelfApproval?: boolean;
  autoStart?: boolean;
  /** Time limit per phase id (ms), for phases whose plan sets none. */
  timeLimitsMs: Record<string, number>;
  /** `@org/team` (lowercase) → lowercase logins, for when the forge cannot tell. */
  teams?: Record<string, string[]>;
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
export function mergeSettings(plan: PlanSetValues | undefined, file: PlanDefaults | undefined): MergedSettings {
  return {
    allowSelfApproval: plan?.allow_self_approval ?? file?.allowSelfApproval ?? BUILT_IN_SETTINGS.allowSelfApproval,
    minApproverPermission:
      plan?.min_approver_permission ?? file?.minApproverPermission ?? BUILT_IN_SETTINGS.minApproverPermission,
    autoStart: plan?.auto_start ?? file?.autoStart ?? BUILT_IN_SETTINGS.autoStart,
  };
}

/** A phase keeps the limit its workflow or task gives it; one without takes the file's for its id. */
export function mergeTimeLimit(phase: Phase, file: PlanDefaults | undefined): Phase {
  if (phase.timeLimitMs !== undefined || !file || !Object.hasOwn(file.timeLimitsMs, phase.id)) return phase;
  return { ...phase, timeLimitMs: file.timeLimitsMs[phase.id]! };
}
