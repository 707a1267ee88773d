import type { BlockerFacts } from "../rules/detect-blockers.js";
import { auditMilestone } from "./audit-milestone.js";
import { checkWorkAgainstAnchor } from "./check-log-anchor.js";
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
  const [checks, conflicts, diskUsage, unmetRequirements, audit, anchor] = await Promise.all([
    signals.ciState(plan),
    ctx.forge.findConflicts(plan.branch),
    ctx.ci.kind === "test-command" ? ctx.ci.diskUsage() : undefined,
    findUnmetRequirements(ctx, plan, handle.planSnapshot),
    auditMilestone(ctx, handle),
    // On GitHub, the log against the head Phasegate anchored outside the branch (ADR 19).
    checkWorkAgainstAnchor(ctx.repo, handle),
  ]);
  return {
    now: ctx.clock.now(),
    checks,
    conflicts,
    ...(diskUsage !== undefined && { diskUsage }),
    ...(handle.logProblem && { logProblem: handle.logProblem }),
    unmetRequirements,
    ...(anchor[0] && { anchorProblem: anchor[0] }),
    ...(audit.findings.length > 0 && { auditFindings: audit.findings }),
  };
}
