import type { LogEvent } from "../events/event.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireActivePhase } from "./require-active-phase.js";

/** `/approve cancel`: withdraw one's own approval of the active phase. */
export function cancelApproval(
  ctx: Context,
  handle: MilestoneHandle,
  input: { taskId: string; phase?: string },
): Promise<LogEvent[]> {
  return handle.commit((state) => {
    const { task, phase, t } = requireActivePhase("approve cancel", handle.plan, state, input.taskId, input.phase);
    const mine = t.phases.find((p) => p.id === phase.id)?.approvals.some((a) => a.by === ctx.actor);
    if (!mine) throw new CommandRefused("approve cancel", `${ctx.actor} has not approved ${phase.id} of ${task.id}`);
    return [
      {
        event: "approval_revoked",
        actor: ctx.actor,
        task_id: task.id,
        phase: phase.id,
        details: { approver: ctx.actor, reason: "cancelled" },
      },
    ];
  });
}
