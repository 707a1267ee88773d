import { MilestoneHandle, type Blocker, type Context, type StatusView, renderSummary } from "../../core/index.js";
import type { Outcome } from "../outcome.js";

/** The milestone's dashboard as the job summary. Fails only when the event log does not verify. */
export async function showStatus(ctx: Context, milestone: string): Promise<Outcome> {
  const handle = await MilestoneHandle.open(ctx, milestone);
  const view = await handle.explainedView(ctx.clock.now());
  return {
    ...(view.log.problem && { failure: `the event log of ${milestone} does not verify: ${view.log.problem}` }),
    outputs: statusOutputs(view, view.blockers),
    summary: renderSummary(view),
  };
}

/** `status`, `progress` and `blockers` (JSON), shared by status and scan. */
export function statusOutputs(view: StatusView, blockers: Blocker[]): Record<string, string> {
  return {
    status: view.milestone.status,
    progress: String(view.milestone.progress),
    blockers: JSON.stringify(
      blockers.map((b) => ({ id: b.id, type: b.type, message: b.message, ...(b.taskId && { task_id: b.taskId }) })),
    ),
  };
}
