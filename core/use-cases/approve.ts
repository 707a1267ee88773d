import type { LogEvent } from "../events/event.js";
import type { TaskState } from "../events/state.js";
import { isAuthor } from "../rules/is-author.js";
import { authorizeApprover } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import { advance, type AdvanceReport } from "./advance.js";
import type { Context } from "./context.js";
import { evaluatePhase, SignalCache } from "./evaluate-phase.js";
import { gatherActorFacts } from "./gather-actor-facts.js";
import { approvalPolicy } from "./approval-policy.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireActivePhase, requirePlanTask } from "./require-active-phase.js";
import { decidePhase } from "../workflow/decide-advance.js";

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
  // Who may approve is settled before anything about the task's state is said (authorization first).
  const task = requirePlanTask("approve", handle.plan, input.taskId);
  const before = handle.state.tasks.find((s) => s.id === task.id) as TaskState;
  const policy = approvalPolicy(handle.plan, task, isAuthor(task, before, ctx.actor));
  const facts = await gatherActorFacts(ctx, policy.approvers);
  const auth = authorizeApprover(facts, policy);
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
  const approved = await handle.commit(async (state, work) => {
    // Re-decided from scratch on every attempt: a hold, a new claim or a changed file since the first
    // look refuses the approval instead of slipping past it.
    const current = requireActivePhase("approve", handle.plan, state, task.id, phase.id);
    refuseHeld(task.id, current.t);
    const again = authorizeApprover(facts, approvalPolicy(handle.plan, task, isAuthor(task, current.t, ctx.actor)));
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
    const mine = current.t.phases.find((p) => p.id === phase.id)?.approvals.find((a) => a.by === ctx.actor);
    if (mine?.digest === verdict.digest) return [];
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
      ...decidePhase(handle.plan, state, task, phase, verdict, ctx.actor, true),
    ];
  });
  const advanced = await advance(ctx, handle, new Set([task.id]), signals);
  return { approved, advanced };
}

function refuseHeld(taskId: string, t: TaskState): void {
  if (t.hold) {
    throw new CommandRefused("approve", `${taskId} is on hold (${t.hold.by}: ${t.hold.reason})`, {
      code: "on-hold",
      whoCan: "unhold it first (anyone with write access)",
    });
  }
}
