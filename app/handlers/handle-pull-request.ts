import type { Context as ProbotContext } from "probot";
import { checkPhase, listPlanFiles, MilestoneHandle, parsePlan, PHASE_CHECK } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { applySettings } from "../apply-settings.js";
import { checkPlans, planPaths } from "../check-plans.js";
import { ensureCheckRun } from "../ensure-check-run.js";
import { findTarget } from "../../core/index.js";
import { openDelivery, type Delivery } from "../open-delivery.js";
import { runScan } from "../run-scan.js";

type PullEvent = "pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened" | "pull_request.edited";

/**
 * A pull request opened or updated: `phasegate/plan` when it changes a plan (its files read at the
 * head through the API; fork code never runs), `phasegate/phase` when it goes into a milestone
 * branch, and a scan when such a pull request cannot be merged (a conflict is a blocker).
 */
export async function handlePullRequest(context: ProbotContext<PullEvent>, deps: AppDeps): Promise<void> {
  const { pull_request: pull, sender } = context.payload;
  const d = await openDelivery(context, deps, sender?.login ?? pull.user?.login ?? "phasegate");
  const files = await context.octokit.paginate("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
    owner: d.owner,
    repo: d.repo,
    pull_number: pull.number,
    per_page: 100,
  });
  const plans = planPaths(files.filter((f) => f.status !== "removed").map((f) => f.filename));
  if (plans.length > 0) await checkPlans(d, pull.head.sha, plans);
  const milestone = await milestoneOfBranch(d, pull.base.ref);
  if (!milestone) return;
  const handle = await MilestoneHandle.open(d.ctx, milestone, "check");
  await applySettings(handle, d);
  await checkPhaseOf(d, handle, { number: pull.number, body: pull.body, sha: pull.head.sha });
  if (pull.mergeable === false) await runScan(d, handle);
}

/** The milestone whose branch is `branch`, from the plans on the default branch (the only ones that count). */
async function milestoneOfBranch(d: Delivery, branch: string): Promise<string | undefined> {
  const snapshot = await d.ports.repo.snapshot(await d.ports.repo.defaultBranch());
  for (const path of await listPlanFiles(snapshot)) {
    const file = await snapshot.read(path);
    const { plan } = parsePlan(file?.text ?? "", path);
    if (plan?.branch === branch) return plan.id;
  }
  return undefined;
}

async function checkPhaseOf(
  d: Delivery,
  handle: MilestoneHandle,
  pull: { number: number; body: string | null; sha: string },
) {
  const target = await findTarget(d.ctx.tracker, { number: pull.number, body: pull.body, pull_request: true });
  const head = await d.ports.repo.snapshot(pull.sha);
  // The same rule as the Action's phase-check (core's checkPhase); an unlinked PR gets a neutral check.
  const check = target?.task
    ? await checkPhase(d.ctx, handle, { task: target.task, sha: pull.sha, head })
    : {
        name: PHASE_CHECK,
        sha: pull.sha,
        conclusion: "neutral" as const,
        title: "No task linked",
        summary:
          "Name the task: add `Phasegate-Task: <milestone>/<task>` to the description, or `Closes #<task issue>`.",
      };
  await ensureCheckRun(d, check);
}
