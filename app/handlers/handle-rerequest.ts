import type { Context as ProbotContext } from "probot";
import { GATE_CHECK, judgePullRequest, PHASE_CHECK, type PullRequestInfo } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { ensureCheckRun } from "../ensure-check-run.js";
import { ensureGateCheck } from "../ensure-gate-check.js";
import { openDelivery, type Delivery } from "../open-delivery.js";

type RerequestEvent = "check_run.rerequested" | "check_suite.rerequested";

/**
 * How many open pull requests are listed (one request) to find the one of a head commit when the
 * payload names none: GitHub leaves `pull_requests` empty for a fork's pull request.
 */
export const MAX_PULLS_SEARCHED = 100;

interface RerequestPayload {
  check_run?: { name: string; head_sha: string; pull_requests?: { number: number }[] };
  check_suite?: { head_sha: string; pull_requests?: { number: number }[] };
  sender?: { login: string };
}

/**
 * The "Re-run" button on `phasegate/gate` or `phasegate/phase` (`check_run.rerequested`), or "Re-run
 * all checks" on Phasegate's suite (`check_suite.rerequested`): the pull requests whose head is that
 * commit are judged again, as on a push, and a run is written only when the verdict changed. The
 * payload names the pull requests; for a fork's, which it does not name, the open pull requests are
 * listed once and matched by head commit. Phasegate's other checks (`phasegate/plan`) are left alone.
 */
export async function handleRerequest(context: ProbotContext<RerequestEvent>, deps: AppDeps): Promise<void> {
  const p = context.payload as RerequestPayload;
  const run = p.check_run;
  const sha = run?.head_sha ?? p.check_suite?.head_sha;
  const only = run?.name;
  if (!sha || (only !== undefined && only !== GATE_CHECK && only !== PHASE_CHECK)) return;
  const d = await openDelivery(context, deps, p.sender?.login ?? "phasegate");
  const defaultBranch = d.defaultBranch ?? (await d.ctx.repo.defaultBranch());
  for (const pull of await pullsAt(d, sha, (run ?? p.check_suite)?.pull_requests ?? [])) {
    if (pull.base === defaultBranch) {
      if (only !== PHASE_CHECK) {
        const changedFiles = await d.ctx.tracker.listPullRequestFiles(pull.number, { removed: true });
        await ensureGateCheck(d, { ...pull, changedFiles });
      }
    } else if (only !== GATE_CHECK) {
      const verdict = await judgePullRequest(d.ctx, pull);
      if (verdict.baseMilestone) await ensureCheckRun(d, verdict.check);
    }
  }
}

/** The open pull requests whose head is `sha` now (an older head's run is not judged again). */
async function pullsAt(d: Delivery, sha: string, named: readonly { number: number }[]): Promise<PullRequestInfo[]> {
  const pulls =
    named.length > 0
      ? await Promise.all(named.slice(0, 10).map((n) => d.ctx.tracker.getPullRequest(n.number)))
      : await d.ctx.tracker.listOpenPullRequests({ max: MAX_PULLS_SEARCHED });
  return pulls.filter((pull): pull is PullRequestInfo => pull?.state === "open" && pull.sha === sha);
}
