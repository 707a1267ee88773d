import type { BlockerFacts } from "../rules/detect-blockers.js";
import { auditMilestone } from "./audit-milestone.js";
import type { Context } from "./context.js";
import type { SignalCache } from "./evaluate-phase.js";
import { findUnmetRequirements } from "./find-unmet-requirements.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/** Ask the world what the blocker rules need: checks (the test command), conflicts, disk, requirements. */
export async function gatherBlockerFacts(
  ctx: Context,
  handle: MilestoneHandle,
  signals: SignalCache,
): Promise<BlockerFacts> {
  const plan = handle.plan;
  const [checks, conflicts, diskUsage, unmetRequirements, audit] = await Promise.all([
    signals.ciState(plan),
    ctx.forge.findConflicts(plan.branch),
    ctx.ci.kind === "test-command" ? ctx.ci.diskUsage() : undefined,
    findUnmetRequirements(ctx, plan, handle.planSnapshot),
    auditMilestone(ctx, handle),
  ]);
  return {
    now: ctx.clock.now(),
    checks,
    conflicts,
    ...(diskUsage !== undefined && { diskUsage }),
    ...(handle.logProblem && { logProblem: handle.logProblem }),
    unmetRequirements,
    ...(audit.findings.length > 0 && { auditFindings: audit.findings }),
  };
}
