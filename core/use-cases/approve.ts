import type { LogEvent } from "../events/event.js";
import type { TaskState } from "../events/state.js";
import { isAuthor } from "../rules/is-author.js";
import { authorizeApprover } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import { advance, type AdvanceReport } from "./advance.js";
import type { Context } from "./context.js";
import { evaluatePhase, SignalCache } from "./evaluate-phase.js";
import { approvalPolicy, gatePhase } from "./approval-policy.js";
import { gatherGateFacts } from "./gather-gate-facts.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireActivePhase, requirePlanTask } from "./require-active-phase.js";
import { decidePhase } from "../workflow/decide-advance.js";
import type { DeliverableChanges } from "../render/render-deliverable-changes.js";
import { findDeliverableChanges } from "./find-deliverable-changes.js";

export interface ApproveInput {
  taskId: string;
  phase?: string;
  /** Where the approval came from: `cli`, `comment`, `review`. */
  via?: string;
}

export interface ApproveResult {
  approved: LogEvent[];
  advanced: AdvanceReport;
  /** What changed in the deliverables since the actor's earlier approval of this phase, when it did. */
  changes?: DeliverableChanges;
}

/**
 * Approve a task's active phase. Refused unless the actor may approve (plan on the default branch,
 * permission, not their own work) and the deliverables validate; the approval records the commit,
 * tree and digest of what was approved. Then the task advances as far as it can.
 */
export async function approve(ctx: Context, handle: MilestoneHandle, input: ApproveInput): Promise<ApproveResult> {
  // Who may approve is settled before anything about the task's state is said (authorization first).
  const task = requirePlanTask("approve", handle.plan, input.taskId);
  const before = handle.state.tasks.find((s) => s.id === task.id) as TaskState;
  const target = gatePhase(task, before, input.phase);
  const policy = approvalPolicy(handle.plan, task, target, isAuthor(task, before, ctx.actor));
  const actor = { actor: ctx.actor, permission: await ctx.forge.getPermission(ctx.actor) };
  const approvers = [ctx.actor, ...(before.phases.find((p) => p.id === target.id)?.approvals.map((a) => a.by) ?? [])];
  const gate = await gatherGateFacts(ctx, handle.plan, handle.planSnapshot, task, target, before, approvers);
  const auth = authorizeApprover(actor, policy, gate);
  if (!auth.ok) throw new CommandRefused("approve", auth.reason, { code: "not-allowed", whoCan: auth.whoCan });
  const { phase, t } = requireActivePhase("approve", handle.plan, handle.state, task.id, input.phase);
  if (!phase.approvalRequired)
    throw new CommandRefused("approve", `${phase.id} of ${task.id} has no approval gate`, {
      code: "no-gate",
      next: { verb: "execute", milestone: handle.plan.id },
    });
  refuseHeld(task.id, t);
  const signals = new SignalCache(ctx);
  const verdict = await evaluatePhase(handle.plan, task, phase, signals, handle.work);
  if (!verdict.ok) {
    throw new CommandRefused(
      "approve",
      `the ${phase.id} deliverables of ${task.id} are not ready: ${verdict.problems.join("; ")}`,
      "complete them, then approve",
    );
  }
  const seen = handle.work;
  const mine = before.phases.find((p) => p.id === phase.id);
  const earlier = mine?.approvals.find((a) => a.by === ctx.actor) ?? mine?.earlier?.find((a) => a.by === ctx.actor);
  const approved = await handle.commit(async (state, work) => {
    // Re-decided from scratch on every attempt: a hold, a new claim or a changed file since the first
    // look refuses the approval instead of slipping past it.
    const current = requireActivePhase("approve", handle.plan, state, task.id, phase.id);
    refuseHeld(task.id, current.t);
    const again = authorizeApprover(
      actor,
      approvalPolicy(handle.plan, task, phase, isAuthor(task, current.t, ctx.actor)),
      gate,
    );
    if (!again.ok) throw new CommandRefused("approve", again.reason, { code: "not-allowed", whoCan: again.whoCan });
    // What the approver saw must be what is there now: re-read the deliverables if the work moved.
    if (work !== seen) {
      const now = await evaluatePhase(handle.plan, task, phase, signals, work);
      if (now.digest !== verdict.digest) {
        throw new CommandRefused("approve", `the ${phase.id} deliverables of ${task.id} changed while approving`, {
          code: "deliverables-changed",
          whoCan: "look at them again, then approve",
        });
      }
    }
    const same = current.t.phases.find((p) => p.id === phase.id)?.approvals.find((a) => a.by === ctx.actor);
    if (same?.digest === verdict.digest) return [];
    const revision = work.revision;
    return [
      {
        event: "phase_approved",
        actor: ctx.actor,
        task_id: task.id,
        phase: phase.id,
        details: {
          role: auth.role,
          commit: revision?.commit ?? null,
          tree: revision?.tree ?? null,
          digest: verdict.digest,
          files: verdict.files,
          via: input.via ?? "cli",
        },
      },
      // The phase completes in the same step when this approval is all it waited for.
      ...decidePhase(handle.plan, state, task, phase, verdict, ctx.actor, { facts: gate, approvedNow: ctx.actor }),
    ];
  });
  // Read only when the deliverables differ from what the actor approved before (ADR 27).
  const changes = approved.length > 0 ? await findDeliverableChanges(ctx, earlier, verdict, seen) : undefined;
  const advanced = await advance(ctx, handle, new Set([task.id]), signals);
  return { approved, advanced, ...(changes && { changes }) };
}

function refuseHeld(taskId: string, t: TaskState): void {
  if (t.hold) {
    throw new CommandRefused("approve", `${taskId} is on hold (${t.hold.by}: ${t.hold.reason})`, {
      code: "on-hold",
      whoCan: "unhold it first (anyone with write access)",
    });
  }
}
