import type { LogEvent } from "../events/event.js";
import { unmetDependencies } from "../rules/unmet-dependencies.js";
import { hasPermission } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import { decideStart } from "../workflow/decide-advance.js";
import { authorize } from "./authorize.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { requireTask } from "./require-active-phase.js";

/**
 * Claim a task for `ttlMs` (default: the plan's claim_ttl): tells people and agents who works on
 * it; a ready task starts. Refused when its dependencies are not completed or someone else holds a
 * live claim.
 * Claiming again renews one's own claim.
 */
export async function claim(
  ctx: Context,
  handle: MilestoneHandle,
  input: { taskId: string; ttlMs?: number },
): Promise<LogEvent[]> {
  await authorize(ctx, "claim");
  const now = ctx.clock.now();
  const ttl = input.ttlMs ?? handle.plan.settings.claimTtlMs;
  return handle.commit((state) => {
    const { task, t } = requireTask("claim", handle.plan, state, input.taskId);
    if (t.status === "completed") throw new CommandRefused("claim", `${task.id} is already completed`);
    if (t.status === "pending") {
      const unmet = unmetDependencies(task, state);
      throw new CommandRefused(
        "claim",
        `${task.id} depends on ${unmet.join(", ")}, not completed yet`,
        `ready tasks: ${readyList(state)}`,
      );
    }
    if (t.claim && t.claim.by !== ctx.actor && Date.parse(t.claim.expiresAt) > now.getTime()) {
      throw new CommandRefused(
        "claim",
        `${task.id} is claimed by ${t.claim.by} until ${t.claim.expiresAt}`,
        `${t.claim.by} can release it`,
      );
    }
    const expires = new Date(now.getTime() + ttl).toISOString();
    return [
      {
        event: "task_claimed",
        actor: ctx.actor,
        task_id: task.id,
        details: { expires_at: expires, ...(t.claim && { previous: t.claim.by }) },
      },
      // Claiming a ready task is taking it up: it starts in the same step (the claimant is its author).
      ...decideStart(state, task, ctx.actor),
    ];
  });
}

/** Release a claim: the claimant, or anyone with maintain access (for stale claims). */
export async function release(ctx: Context, handle: MilestoneHandle, input: { taskId: string }): Promise<LogEvent[]> {
  await authorize(ctx, "release");
  const permission = await ctx.forge.getPermission(ctx.actor);
  return handle.commit((state) => {
    const { task, t } = requireTask("release", handle.plan, state, input.taskId);
    if (!t.claim) return [];
    if (t.claim.by !== ctx.actor && !hasPermission(permission, "maintain")) {
      throw new CommandRefused(
        "release",
        `${task.id} is claimed by ${t.claim.by}`,
        `${t.claim.by} or a maintainer can release it`,
      );
    }
    return [{ event: "task_released", actor: ctx.actor, task_id: task.id, details: { claimant: t.claim.by } }];
  });
}

function readyList(state: { tasks: { id: string; status: string }[] }): string {
  const ready = state.tasks.filter((t) => t.status === "ready" || t.status === "in_progress").map((t) => t.id);
  return ready.length > 0 ? ready.join(", ") : "none";
}
