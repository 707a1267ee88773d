import type { CheckRunSpec } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";

/**
 * Create check run `check` unless the commit already has one with the same name, conclusion and
 * title: a redelivered `push` or `pull_request` makes no write. (The summary may differ: a plan's
 * preview on a pushed commit shrinks once the sync has run.)
 * https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function ensureCheckRun(d: Delivery, check: CheckRunSpec): Promise<void> {
  const { data } = await d.octokit.request("GET /repos/{owner}/{repo}/commits/{ref}/check-runs", {
    owner: d.owner,
    repo: d.repo,
    ref: check.sha,
    check_name: check.name,
    per_page: 100,
  });
  const same = data.check_runs.some((r) => r.conclusion === check.conclusion && r.output?.title === check.title);
  if (!same) await d.ctx.tracker.apply({ kind: "check-run", check });
}
