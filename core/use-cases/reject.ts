import type { LogEvent } from "../events/event.js";
import { authorizeApprover } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { Context } from "./context.js";
import type { TaskState } from "../events/state.js";
import { approvalPolicy, gatePhase } from "./approval-policy.js";
import { gatherGateFacts } from "./gather-gate-facts.js";
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
  const before = handle.state.tasks.find((s) => s.id === task.id) as TaskState;
  const target = gatePhase(task, before, input.phase);
  // Rejecting one's own work is harmless, so self-approval rules do not apply to it.
  const policy = approvalPolicy(handle.plan, task, target, false);
  const actor = { actor: ctx.actor, permission: await ctx.forge.getPermission(ctx.actor) };
  const gate = await gatherGateFacts(ctx, handle.plan, handle.planSnapshot, task, target, before, [ctx.actor]);
  const auth = authorizeApprover(actor, policy, gate);
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
