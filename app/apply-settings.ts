import { parse } from "yaml";
import type { MilestoneHandle, Snapshot } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { DEFAULT_SETTINGS, readSettings, type RepositorySettings } from "./repository-settings.js";

/** Where the repository's settings live on its default branch. */
export const SETTINGS_PATH = ".github/phasegate.yml";

/**
 * Fill in what the plan leaves unsaid from the repository's settings: the approver permission, the
 * self-approval rule and phase time limits. What the plan (on the default branch) sets always wins.
 * The settings are read once per delivery (`d.settings` after this).
 */
export async function applySettings(handle: MilestoneHandle, d: Delivery): Promise<void> {
  const settings = await loadSettings(d, handle.planSnapshot);
  const file = await handle.planSnapshot.read(handle.plan.file);
  const given = readSettingKeys(file?.text ?? "");
  const plan = handle.plan;
  if (!given.has("min_approver_permission")) plan.settings.minApproverPermission = settings.minApproverPermission;
  if (!given.has("allow_self_approval")) plan.settings.allowSelfApproval = settings.allowSelfApproval;
  for (const task of plan.tasks) {
    for (const phase of task.phases) {
      const limit = settings.timeLimitsMs[phase.id];
      if (phase.timeLimitMs === undefined && limit !== undefined) phase.timeLimitMs = limit;
    }
  }
}

/**
 * `.github/phasegate.yml` from the default branch's tree the core has read already: no request when
 * the repository has none (defaults), one blob read when it does. A file with `_extends` goes through
 * Probot's `context.config`, which follows it (for example to the organisation's `.github`).
 */
async function loadSettings(d: Delivery, defaultBranch: Snapshot): Promise<RepositorySettings> {
  if (d.settingsRead) return d.settings;
  const file = await defaultBranch.read(SETTINGS_PATH);
  let raw: unknown = file ? parse(file.text) : undefined;
  if (raw && typeof raw === "object" && "_extends" in raw) raw = await d.readConfig();
  d.settings = raw ? readSettings(raw) : DEFAULT_SETTINGS;
  d.settingsRead = true;
  return d.settings;
}

function readSettingKeys(text: string): Set<string> {
  try {
    const doc = parse(text) as { settings?: Record<string, unknown> } | null;
    return new Set(Object.keys(doc?.settings ?? {}));
  } catch {
    return new Set();
  }
}
