import { ensureCheckRun, judgeMergeGate } from "../../core/index.js";
import type { ApiContext } from "../api-context.js";
import { InputError } from "../input-error.js";
import type { Outcome } from "../outcome.js";

interface PullRequestPayload {
  number: number;
  body?: string | null;
  user?: { login?: string } | null;
  head?: { sha?: string };
  base?: { ref?: string };
}

/**
 * `phasegate/gate` on a pull request into the default branch: the core's judgeMergeGate, the verdict
 * the App posts. The pull request is known from the event and the API (its number, head commit,
 * description and changed paths); plans come from the default branch and logs from the milestone
 * branches; no code of the pull request is checked out or run, so this is safe under
 * `pull_request_target` for forks too. Fails the step, with the check's summary, when it is held.
 */
export async function checkMergeGate(ctx: ApiContext): Promise<Outcome> {
  const pr = ctx.payload.pull_request as PullRequestPayload | undefined;
  if (!pr?.head?.sha || typeof pr.number !== "number")
    throw new InputError("gate runs on pull_request or pull_request_target events (no pull request in the event)");
  const defaultBranch = await ctx.repo.defaultBranch();
  if (pr.base?.ref !== defaultBranch) {
    return {
      outputs: { conclusion: "skipped" },
      summary: `## Phasegate gate: skipped\n\nPull request #${pr.number} goes into \`${pr.base?.ref ?? "?"}\`; the gate judges pull requests into \`${defaultBranch}\`.\n`,
    };
  }
  const { check } = await judgeMergeGate(ctx, {
    number: pr.number,
    sha: pr.head.sha,
    body: pr.body,
    author: pr.user?.login ?? "",
    changedFiles: await ctx.tracker.listPullRequestFiles(pr.number, { removed: true }),
  });
  // A re-run of the job with the same verdict writes nothing.
  await ensureCheckRun(ctx.tracker, check, { sameSummary: true });
  return {
    ...(check.conclusion === "failure" && { failure: `phasegate/gate: ${check.title}` }),
    outputs: { conclusion: check.conclusion },
    summary: `## Phasegate gate: ${check.conclusion}\n\n**${check.title}**\n\n${check.summary}\n`,
  };
}
