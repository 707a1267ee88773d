import {
  logPath,
  MilestoneHandle,
  scan,
  type Context,
  renderScanFailure,
  renderScanReport,
  renderSummary,
} from "../../core/index.js";
import type { Outcome } from "../outcome.js";
import { statusOutputs } from "./status.js";

/**
 * Run the core's scan on the checkout: it runs the plan's `test_command` (no shell), detects blockers
 * and appends escalations to the log in the workspace. Fails while any blocker holds.
 *
 * The test command is the repository's own code; under `pull_request_target`, or any event whose
 * code comes from outside the repository (`origin`, action/fork-guard.ts), the checkout may be a
 * fork's while the job holds the base repository's token and secrets, so scan refuses to run there.
 */
export async function scanMilestone(
  ctx: Context,
  milestone: string,
  eventName: string | undefined,
  origin?: string,
): Promise<Outcome> {
  const refused = refuseTestsUnderTarget(eventName, origin);
  if (refused) return refused;
  const handle = await MilestoneHandle.open(ctx, milestone);
  const report = await scan(ctx, handle);
  const view = handle.view(ctx.clock.now());
  const holds = report.blockers;
  return {
    ...(holds.length > 0 && {
      failure: renderScanFailure(milestone, holds),
    }),
    outputs: statusOutputs(view, holds),
    // The dashboard shows what holds now, which is what this scan found (the log may not verify).
    summary:
      renderScanReport(report, {
        milestone,
        status: view.milestone.status,
        markdown: true,
        logFile: logPath(milestone),
      }) +
      "\n" +
      renderSummary({ ...view, blockers: holds }),
  };
}

/**
 * The test command is the repository's code: never under pull_request_target, whose checkout can be a
 * fork's, nor under any event whose code comes from outside the repository (`origin`).
 */
export function refuseTestsUnderTarget(eventName: string | undefined, origin?: string): Outcome | undefined {
  if (eventName !== "pull_request_target" && origin === undefined) return undefined;
  const where =
    origin === undefined
      ? "under pull_request_target, where the checkout can be a fork's code"
      : `under ${eventName} for ${origin}`;
  const reason = `scan runs the repository's test command and is refused ${where}; run it on push, schedule or workflow_dispatch`;
  return {
    failure: `phasegate scan: refused: ${reason}`,
    outputs: {},
    summary: `## Phasegate scan: refused\n\n${reason}.\n`,
  };
}
