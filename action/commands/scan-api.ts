import {
  logPath,
  MilestoneHandle,
  renderPartialSync,
  renderScanFailure,
  renderScanReport,
  renderSummary,
  renderSyncReport,
  scanAndEscalate,
  sync,
} from "../../core/index.js";
import { LocalTestRunner } from "../../local/local-test-runner.js";
import { LocalRepo } from "../../local/local-repo.js";
import type { ApiContext } from "../api-context.js";
import type { SyncBudget } from "../api-inputs.js";
import type { Outcome } from "../outcome.js";
import { refuseTestsUnderTarget } from "./scan.js";
import { statusOutputs } from "./status.js";
import { syncOutputs } from "./sync.js";

export interface ApiScanInput {
  milestone: string;
  /** Run the plan's test command in the checkout instead of reading the branch head's checks. */
  runTests: boolean;
  budget: SyncBudget;
  /** The checkout, for `runTests`. */
  workdir: string;
  eventName: string | undefined;
}

/**
 * The core scan on GitHub (for `schedule:`): checks of the milestone branch's head and conflicting
 * pull requests from the API, new blockers escalated once with events appended to the log ON the
 * milestone branch through the API (never the runner's checkout, so the next job sees them), then
 * labels and the dashboard updated by the sync when the scan recorded something. Nothing new:
 * nothing written. Fails while any blocker holds.
 */
export async function scanOnGitHub(ctx: ApiContext, input: ApiScanInput): Promise<Outcome> {
  if (input.runTests) {
    const refused = refuseTestsUnderTarget(input.eventName);
    if (refused) return refused;
  }
  const scanCtx = input.runTests ? { ...ctx, ci: await localTests(input.workdir) } : ctx;
  const handle = await MilestoneHandle.open(scanCtx, input.milestone, "scan");
  // The same as the App: the sync, a `phasegate` status on the branch head and one comment to the owners.
  const report = await scanAndEscalate(scanCtx, handle, (h) => sync(ctx, h, input.budget));
  const synced = report.synced;
  const view = handle.view(ctx.clock.now());
  const holds = report.blockers;
  return {
    ...(holds.length > 0 && {
      failure: renderScanFailure(input.milestone, holds),
    }),
    outputs: { ...statusOutputs(view, holds), ...(synced && syncOutputs(synced)) },
    summary: [
      renderScanReport(report, {
        milestone: input.milestone,
        status: view.milestone.status,
        markdown: true,
        branch: handle.plan.branch,
        logFile: logPath(input.milestone),
      }),
      ...(synced ? [renderSyncReport(synced, { markdown: true })] : []),
      renderSummary({ ...view, blockers: holds }),
    ].join("\n"),
    ...(synced &&
      !synced.complete && {
        warnings: [renderPartialSync(synced, { after: "the scan", next: "run sync to finish" })],
      }),
  };
}

/** The CI signal from the plan's test command run in the checkout (no shell); the rest stays GitHub's. */
async function localTests(workdir: string): Promise<LocalTestRunner> {
  return new LocalTestRunner({ root: (await LocalRepo.open(workdir)).root });
}
