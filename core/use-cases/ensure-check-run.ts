import type { Tracker } from "../ports.js";
import type { CheckRunSpec } from "../projection/projection.js";

/**
 * Create check run `check` unless its commit already has one with the same name, conclusion and
 * title (and, with `sameSummary`, summary): a redelivered webhook, a re-run job or a second judging
 * of an unchanged verdict writes nothing. True when a run was written.
 * https://docs.github.com/rest/checks/runs#list-check-runs-for-a-git-reference
 */
export async function ensureCheckRun(
  tracker: Tracker,
  check: CheckRunSpec,
  options: { sameSummary?: boolean } = {},
): Promise<boolean> {
  const runs = await tracker.listCheckRuns(check.sha, check.name);
  const same = runs.some(
    (r) =>
      r.conclusion === check.conclusion &&
      r.title === check.title &&
      (!options.sameSummary || r.summary === check.summary),
  );
  if (same) return false;
  await tracker.apply({ kind: "check-run", check });
  return true;
}
