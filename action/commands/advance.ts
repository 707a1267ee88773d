import {
  advance,
  MILESTONE_ID_PATTERN,
  MilestoneHandle,
  renderPartialSync,
  renderSyncReport,
  sync,
} from "../../core/index.js";
import type { ApiContext } from "../api-context.js";
import type { SyncBudget } from "../api-inputs.js";
import { InputError } from "../input-error.js";
import type { Outcome } from "../outcome.js";
import { statusOutputs } from "./status.js";
import { syncOutputs } from "./sync.js";

/** The default milestone branch, `milestone/<id>`: a push there names its milestone. */
const MILESTONE_REF = /^refs\/heads\/milestone\/([^/]+)$/;

/**
 * After work lands on the milestone branch (`push` to `milestone/**`): move every task as far as its
 * deliverables and approvals allow (validated phases, completed phases, tasks that became ready and
 * start), with the events appended to the log on the branch through the API, then sync labels, the
 * dashboard and the GitHub milestone (closed once the milestone completes). The App does the same on
 * the same push. Never approves a gate: tasks waiting for one are listed in the job summary.
 */
export async function advanceOnGitHub(
  ctx: ApiContext,
  input: { milestone?: string; budget: SyncBudget },
): Promise<Outcome> {
  const id = input.milestone ?? milestoneOfPush(ctx.payload);
  const handle = await MilestoneHandle.open(ctx, id, "advance");
  const report = await advance(ctx, handle);
  const synced = await sync(ctx, handle, { gettingStarted: true, ...input.budget });
  const view = handle.view(ctx.clock.now());
  const waiting = [...report.waiting, ...report.problems].map(
    (w) => `- ${w.taskId} (${w.phase}): ${w.reasons.join("; ")}`,
  );
  return {
    outputs: { ...statusOutputs(view, view.blockers), ...syncOutputs(synced) },
    summary: [
      `## Phasegate advance: \`${id}\``,
      "",
      report.events.length === 0
        ? "Nothing moved."
        : `${report.events.length} event${report.events.length === 1 ? "" : "s"} appended to the log.`,
      ...(waiting.length > 0 ? ["", "Waiting:", ...waiting] : []),
      "",
      renderSyncReport(synced, { markdown: true }),
    ].join("\n"),
    warnings: [
      ...report.problems.map((p) => `${p.taskId} (${p.phase}) could not be evaluated: ${p.reasons.join("; ")}`),
      ...(synced.complete ? [] : [renderPartialSync(synced, { after: "advancing", next: "the next run continues" })]),
    ],
  };
}

/**
 * The milestone a run is about: a push to `milestone/<id>`, or (`workflow_run`) CI that finished on
 * that branch, so the execute phase's CI signal moves it on without waiting for the schedule.
 */
function milestoneOfPush(payload: Record<string, any>): string {
  const branch = typeof payload.workflow_run?.head_branch === "string" ? payload.workflow_run.head_branch : undefined;
  const ref = branch !== undefined ? `refs/heads/${branch}` : payload.ref;
  const match = typeof ref === "string" ? MILESTONE_REF.exec(ref) : null;
  // The branch's name becomes a file name: only a plan's id pattern gets through.
  if (match?.[1] && MILESTONE_ID_PATTERN.test(match[1])) return match[1];
  throw new InputError(
    `input "milestone" is required for advance unless the run is a push to milestone/<id> or CI on it (got ${typeof ref === "string" ? ref : "no ref"})`,
  );
}
