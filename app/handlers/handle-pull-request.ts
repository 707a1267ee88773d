import type { Context as ProbotContext } from "probot";
import { judgePullRequest, MilestoneHandle } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { checkPlans, planPaths } from "../check-plans.js";
import { ensureGateCheck } from "../ensure-gate-check.js";
import { ensureCheckRun } from "../ensure-check-run.js";
import { openDelivery } from "../open-delivery.js";
import { pullRequestFacts } from "../pull-request-facts.js";
import { runScan } from "../run-scan.js";

type PullEvent = "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.edited";

/**
 * A pull request opened or updated: `phasegate/plan` when it changes a plan (its files read at the
 * head through the API; fork code never runs), `phasegate/gate` when it goes into the default branch
 * (the core's judgeMergeGate, as the Action's gate), `phasegate/phase` when it goes into a milestone
 * branch (the core's judgePullRequest, as the Action's phase-check), and a scan when such a pull
 * request cannot be merged (a conflict is a blocker).
 */
export async function handlePullRequest(context: ProbotContext<PullEvent>, deps: AppDeps): Promise<void> {
  const { pull_request: pull, sender } = context.payload;
  const d = await openDelivery(context, deps, sender?.login ?? pull.user?.login ?? "phasegate");
  const intoDefault = pull.base.ref === (d.defaultBranch ?? (await d.ctx.repo.defaultBranch()));
  // Into the default branch the gate needs every touched path, removed ones too; a removed plan is skipped by checkPlans.
  const files = await d.ctx.tracker.listPullRequestFiles(pull.number, { removed: intoDefault });
  const plans = planPaths(files);
  if (plans.length > 0) await checkPlans(d, pull.head.sha, plans);
  // Into the default branch: the gate. Otherwise the phase check, as a re-run judges each (handle-rerequest.ts).
  if (intoDefault) return ensureGateCheck(d, { ...pullRequestFacts(pull), changedFiles: files });
  const verdict = await judgePullRequest(d.ctx, pullRequestFacts(pull));
  if (!verdict.baseMilestone) return;
  const handle = await MilestoneHandle.open(d.ctx, verdict.baseMilestone, "check");
  await ensureCheckRun(d, verdict.check);
  if (pull.mergeable === false) await runScan(d, handle);
}
