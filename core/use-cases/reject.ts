import type { LogEvent } from "../events/event.js";
import { authorizeApprover } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { Context } from "./context.js";
import { gatherActorFacts } from "./gather-actor-facts.js";
import { approvalPolicy } from "./approval-policy.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireActivePhase, requirePlanTask } from "./require-active-phase.js";

/**
 * Reject a task's active phase with a reason: the task stays in the phase, earlier approvals of
 * it no longer count, and the reason is on record. Who may approve may reject.
 */
export async function reject(
  ctx: Context,
  handle: MilestoneHandle,
  input: { taskId: string; phase?: string; reason: string },
): Promise<LogEvent[]> {
  if (input.reason.trim() === "")
    throw new CommandRefused("reject", "a reason is required", {
      code: "reason-required",
      whoCan: "say what must change",
    });
  // Authorization first: who may reject is settled before the task's state is looked at.
  const task = requirePlanTask("reject", handle.plan, input.taskId);
  const policy = approvalPolicy(handle.plan, task, false);
  // Rejecting one's own work is harmless, so self-approval rules do not apply to it.
  const auth = authorizeApprover(await gatherActorFacts(ctx, policy.approvers), policy);
  if (!auth.ok) throw new CommandRefused("reject", auth.reason, { code: "not-allowed", whoCan: auth.whoCan });
  requireActivePhase("reject", handle.plan, handle.state, task.id, input.phase);
  return handle.commit((state) => {
    const { phase } = requireActivePhase("reject", handle.plan, state, task.id, input.phase);
    return [
      {
        event: "phase_rejected",
        actor: ctx.actor,
        task_id: task.id,
        phase: phase.id,
        details: { reason: input.reason.trim(), role: auth.role },
      },
    ];
  });
}
