import type { CheckRunSpec } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";

/**
 * Create check run `check` unless the commit already has one with the same name, conclusion and
 * title: a redelivered `push` or `pull_request` makes no write. (The summary may differ: a plan's
 * preview on a pushed commit shrinks once the sync has run; with `sameSummary` it must match too.)
 * https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function ensureCheckRun(
  d: Delivery,
  check: CheckRunSpec,
  options: { sameSummary?: boolean } = {},
): Promise<void> {
  const runs = await d.ctx.tracker.listCheckRuns(check.sha, check.name);
  const same = runs.some(
    (r) =>
      r.conclusion === check.conclusion &&
      r.title === check.title &&
      (!options.sameSummary || r.summary === check.summary),
  );
  if (!same) await d.ctx.tracker.apply({ kind: "check-run", check });
}
