import { ensureCheckRun, judgePullRequest, type CheckRunSpec } from "../../core/index.js";
import type { ApiContext } from "../api-context.js";
import { InputError } from "../input-error.js";
import type { Outcome } from "../outcome.js";

/**
 * `phasegate/phase` on a pull request into a milestone branch: the core's judgePullRequest, the
 * same verdict the App posts (a visible link by someone who may work on the task, into that task's
 * milestone branch, dependencies completed, current phase's deliverables valid at the head). The
 * head's files are read through the API as data; no code from the pull request runs, so this is
 * safe under `pull_request_target` for forks too. Fails the step when the check fails.
 */
export async function checkPullRequest(ctx: ApiContext, input: { milestone?: string }): Promise<Outcome> {
  const pr = ctx.payload.pull_request as PullRequestPayload | undefined;
  if (!pr?.head?.sha || typeof pr.number !== "number") {
    throw new InputError(
      "phase-check runs on pull_request or pull_request_target events (no pull request in the event)",
    );
  }
  const verdict = await judgePullRequest(ctx, {
    number: pr.number,
    body: pr.body,
    author: pr.user?.login ?? "",
    base: pr.base?.ref ?? "",
    sha: pr.head.sha,
  });
  const { link } = verdict;
  const target = link ? `${link.milestone}/${link.task}` : "";
  if (input.milestone !== undefined && link && link.milestone !== input.milestone) {
    const summary = `It works on ${link.milestone}, not ${input.milestone}; this workflow checks ${input.milestone} only.`;
    return post(
      ctx,
      { ...verdict.check, conclusion: "neutral", title: `Not linked to ${input.milestone}`, summary },
      "",
    );
  }
  return post(ctx, verdict.check, target);
}

interface PullRequestPayload {
  number: number;
  body?: string | null;
  user?: { login?: string } | null;
  head?: { sha?: string; ref?: string };
  base?: { ref?: string };
}

/** The check run, unless the head has an identical one (a re-run of the job writes nothing). */
async function post(ctx: ApiContext, check: CheckRunSpec, task: string): Promise<Outcome> {
  await ensureCheckRun(ctx.tracker, check, { sameSummary: true });
  return {
    ...(check.conclusion === "failure" && { failure: `phasegate/phase: ${check.title}` }),
    outputs: { conclusion: check.conclusion, ...(task && { task }) },
    summary: `## Phasegate phase check: ${check.conclusion}\n\n**${check.title}**\n\n${check.summary}\n`,
  };
}
