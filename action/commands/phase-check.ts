import { checkPhase, findTaskLink, MilestoneHandle, type CheckRunSpec } from "../../core/index.js";
import type { ApiContext } from "../api-context.js";
import { InputError } from "../input-error.js";
import type { Outcome } from "../outcome.js";

const HOW_TO_LINK =
  "Link the pull request to a task with a `Phasegate-Task: <milestone>/<task>` line in its description, or a closing keyword to the task's issue (`Fixes #12`).";

/**
 * `phasegate/phase` on a pull request into a milestone branch: the linked task's dependencies are
 * completed and its current phase's deliverables are valid at the pull request's head. The head's
 * files are read through the API as data; no code from the pull request runs, so this is safe under
 * `pull_request_target` for forks too. Fails the step when the check fails.
 */
export async function checkPullRequest(ctx: ApiContext, input: { milestone?: string }): Promise<Outcome> {
  const pr = ctx.payload.pull_request as PullRequestPayload | undefined;
  if (!pr?.head?.sha || typeof pr.number !== "number") {
    throw new InputError(
      "phase-check runs on pull_request or pull_request_target events (no pull request in the event)",
    );
  }
  const link = await findTaskLink(pr.body ?? "", ctx.tracker);
  if (!link || (input.milestone !== undefined && link.milestone !== input.milestone)) {
    const why = link ? `it works on ${link.milestone}, not ${input.milestone}` : "it names no task";
    return post(ctx, neutral(pr.head.sha, `Not linked to a task: ${why}`, HOW_TO_LINK), { task: "" });
  }
  const handle = await MilestoneHandle.open(ctx, link.milestone, "phase-check");
  const target = `${link.milestone}/${link.task}`;
  if (pr.base?.ref !== handle.plan.branch) {
    const text = `Pull request #${pr.number} goes into \`${pr.base?.ref}\`, not the milestone branch \`${handle.plan.branch}\`; phase checks apply there.`;
    return post(ctx, neutral(pr.head.sha, `Not into ${handle.plan.branch}`, text), { task: target });
  }
  const head = await ctx.repo.snapshot(pr.head.sha);
  const check = await checkPhase(ctx, handle, { task: link.task, sha: pr.head.sha, head });
  return post({ ...ctx }, { ...check, summary: `${check.summary}\n\nLinked by \`${link.via}\`.` }, { task: target });
}

interface PullRequestPayload {
  number: number;
  body?: string | null;
  head?: { sha?: string; ref?: string };
  base?: { ref?: string };
}

function neutral(sha: string, title: string, summary: string): CheckRunSpec {
  return { name: "phasegate/phase", sha, conclusion: "neutral", title, summary };
}

async function post(ctx: ApiContext, check: CheckRunSpec, outputs: { task: string }): Promise<Outcome> {
  await ctx.tracker.apply({ kind: "check-run", check });
  return {
    ...(check.conclusion === "failure" && { failure: `phasegate/phase: ${check.title}` }),
    outputs: { conclusion: check.conclusion, ...(outputs.task && { task: outputs.task }) },
    summary: `## Phasegate phase check: ${check.conclusion}\n\n**${check.title}**\n\n${check.summary}\n`,
  };
}
