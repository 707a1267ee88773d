import type { LogEvent } from "../events/event.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { Context } from "./context.js";
import { authorize } from "./authorize.js";
import { findUnmetRequirements } from "./find-unmet-requirements.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/**
 * Activate a milestone: the plan is valid and compliant, every required milestone is completed,
 * and the status allows it (planned, paused or already in progress, as in the original protocol).
 */
export async function activate(ctx: Context, handle: MilestoneHandle): Promise<LogEvent[]> {
  await authorize(ctx, "activate");
  const plan = handle.plan;
  const nonCompliant = plan.tasks.filter((t) => !t.compliant).map((t) => t.id);
  if (nonCompliant.length > 0) {
    throw new CommandRefused("activate", `tasks ${nonCompliant.join(", ")} do not have the phase workflow enabled`, {
      code: "not-compliant",
      next: { verb: "migrate", file: plan.file },
    });
  }
  const unmet = await findUnmetRequirements(ctx, plan, handle.planSnapshot);
  if (unmet.length > 0) {
    const list = unmet.map((u) => `${u.id} (${u.status})`).join(", ");
    throw new CommandRefused("activate", `required milestones are not completed: ${list}`, "complete them first");
  }
  return handle.commit((state) => {
    switch (state.status) {
      case "in_progress":
        return [];
      case "blocked":
        throw new CommandRefused("activate", "the milestone is blocked", {
          code: "blocked",
          whoCan: "resolve the blockers first",
          next: { verb: "resume", milestone: plan.id },
        });
      case "completed":
        throw new CommandRefused("activate", "the milestone is already completed");
      default:
        return [
          { event: "milestone_activated", actor: ctx.actor, details: { from: state.status, branch: plan.branch } },
        ];
    }
  });
}
