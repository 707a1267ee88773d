import type { Permission } from "../plan/plan.js";
import type { LabelOptions } from "../projection/labels.js";

/**
 * What `.github/phasegate.yml` sets. Every decision key is optional: unset falls to the built-in
 * default; a plan that sets the key wins over both (mergeSettings).
 */
export interface RepositorySettings {
  minApproverPermission?: Permission;
  allowSelfApproval?: boolean;
  autoStart?: boolean;
  /** How the managed labels are named and coloured; every shell's sync uses these. */
  labels: LabelOptions;
  /** Time limit per phase id (ms), for phases whose plan sets none. */
  timeLimitsMs: Record<string, number>;
  /** `@org/team` (lowercase) → lowercase logins, for when the forge cannot tell. */
  teams?: Record<string, string[]>;
  /** Probot's `_extends`: another repository's file these settings build on (followed by the App). */
  extends?: string;
}

/** A repository without `.github/phasegate.yml`. */
export const NO_SETTINGS: RepositorySettings = { labels: {}, timeLimitsMs: {} };
