import type { PlanDefaults } from "../plan/merge-settings.js";
import type { LabelOptions } from "../projection/labels.js";

/**
 * What `.github/phasegate.yml` sets. Every decision key is optional: unset falls to the built-in
 * default; a plan that sets the key wins over both (mergeSettings).
 */
export interface RepositorySettings extends PlanDefaults {
  /** How the managed labels are named and coloured; every shell's sync uses these. */
  labels: LabelOptions;
  /** Probot's `_extends`: another repository's file these settings build on (followed by the App). */
  extends?: string;
}

/** A repository without `.github/phasegate.yml`. */
export const NO_SETTINGS: RepositorySettings = { labels: {}, timeLimitsMs: {} };
