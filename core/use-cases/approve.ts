import type { LogEvent } from "../events/event.js";
import { isAuthor } from "../rules/is-author.js";
import { authorizeApprover } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import { advance, type AdvanceReport } from "./advance.js";
import type { Context } from "./context.js";
import { evaluatePhase, SignalCache } from "./evaluate-phase.js";
import { gatherActorFacts } from "./gather-actor-facts.js";
import { loadApprovalPolicy } from "./load-approvers.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireActivePhase } from "./require-active-phase.js";

export interface ApproveInput {
  taskId: string;
  phase?: string;
  /** Where the approval came from: `cli`, `comment`, `review`. */
  via?: string;
}

export interface ApproveResult {
  approved: LogEvent[];
  advanced: AdvanceReport;
}

/**
 * Approve a task's active phase. Refused unless the actor may approve (plan on the default branch,
 * permission, not their own work) and the deliverables validate; the approval records the commit,
 * tree and digest of what was approved. Then the task advances as far as it can.
 */
export async function approve(ctx: Context, handle: MilestoneHandle, input: ApproveInput): Promise<ApproveResult> {
  const { task, phase, t } = requireActivePhase("approve", handle.plan, handle.state, input.taskId, input.phase);
  if (!phase.approvalRequired)
    throw new CommandRefused(
      "approve",
      `${phase.id} of ${task.id} has no approval gate`,
      { code: "no-gate", next: { verb: "execute", milestone: handle.plan.id } },
    );
  if (t.hold)
    throw new CommandRefused("approve", `${task.id} is on hold (${t.hold.by}: ${t.hold.reason})`, "unhold it first");
  const isSelf = isAuthor(task, t, ctx.actor);
  const policy = await loadApprovalPolicy(ctx, "approve", handle.plan.id, task.id, isSelf);
  const auth = authorizeApprover(await gatherActorFacts(ctx, policy.approvers), policy);
  if (!auth.ok) throw new CommandRefused("approve", auth.reason, auth.whoCan);
  const signals = new SignalCache(ctx);
  const verdict = await evaluatePhase(ctx, handle.plan, task, phase, signals);
  if (!verdict.ok) {
    throw new CommandRefused(
      "approve",
      `the ${phase.id} deliverables of ${task.id} are not ready: ${verdict.problems.join("; ")}`,
      "complete them, then approve",
    );
  }
  const revision = await ctx.repo.revision(ctx.workRef);
  const approved = await handle.commit((state) => {
    const current = requireActivePhase("approve", handle.plan, state, task.id, phase.id);
    const mine = current.t.phases.find((p) => p.id === phase.id)?.approvals.find((a) => a.by === ctx.actor);
    if (mine?.digest === verdict.digest) return [];
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
    ];
  });
  const advanced = await advance(ctx, handle, new Set([task.id]), signals);
  return { approved, advanced };
}
