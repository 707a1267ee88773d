import type { LogEvent } from "../events/event.js";
import { isAuthor } from "../rules/is-author.js";
import { authorizeApprover } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { Context } from "./context.js";
import { gatherActorFacts } from "./gather-actor-facts.js";
import { loadApprovalPolicy } from "./load-approvers.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireActivePhase } from "./require-active-phase.js";

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
    throw new CommandRefused("reject", "a reason is required", "say what must change: --reason TEXT");
  const { task, t } = requireActivePhase("reject", handle.plan, handle.state, input.taskId, input.phase);
  const isSelf = isAuthor(task, t, ctx.actor);
  const policy = await loadApprovalPolicy(ctx, "reject", handle.plan.id, task.id, isSelf);
  // Rejecting one's own work is harmless, so self-approval rules do not apply to it.
  const auth = authorizeApprover(await gatherActorFacts(ctx, policy.approvers), { ...policy, isSelf: false });
  if (!auth.ok) throw new CommandRefused("reject", auth.reason, auth.whoCan);
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
