import { claim, MilestoneHandle, release } from "../../core/index.js";
import type { ApiContext } from "../api-context.js";
import type { Outcome } from "../outcome.js";

/**
 * Claim a task for this job (the plan's claim_ttl) or release it, as `phasegate claim`/`release`
 * do, with the event in the log on the milestone branch through the API. Refusals (the task is not
 * ready, someone else holds it) fail the step with the reason.
 */
export async function claimTask(
  ctx: ApiContext,
  input: { command: "claim" | "release"; milestone: string; task: string },
): Promise<Outcome> {
  const handle = await MilestoneHandle.open(ctx, input.milestone, input.command);
  const events =
    input.command === "claim"
      ? await claim(ctx, handle, { taskId: input.task })
      : await release(ctx, handle, { taskId: input.task });
  const view = handle.view(ctx.clock.now());
  const done = input.command === "claim" ? "claimed" : "released";
  return {
    outputs: { task: `${input.milestone}/${input.task}`, status: view.milestone.status },
    summary: `## Phasegate ${input.command}: \`${input.milestone}/${input.task}\`\n\n${
      events.length > 0 ? `${input.task} ${done} by ${ctx.actor}.` : `Nothing to do: ${input.task} was already ${done}.`
    }\n`,
  };
}
