import { parse } from "yaml";
import type { MilestoneHandle } from "../core/index.js";
import type { RepositorySettings } from "./repository-settings.js";

/**
 * Fill in what the plan leaves unsaid from the repository's settings: the approver permission, the
 * self-approval rule and phase time limits. What the plan (on the default branch) sets always wins.
 */
export async function applySettings(handle: MilestoneHandle, settings: RepositorySettings): Promise<void> {
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

function readSettingKeys(text: string): Set<string> {
  try {
    const doc = parse(text) as { settings?: Record<string, unknown> } | null;
    return new Set(Object.keys(doc?.settings ?? {}));
  } catch {
    return new Set();
  }
}
