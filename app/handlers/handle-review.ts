import type { Context as ProbotContext } from "probot";
import {
  CommandRefused,
  judgePullRequest,
  renderRefusalComment,
  type ParsedCommand,
  type PullRequestVerdict,
  findReply,
  reply,
} from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { answerCommands } from "../answer-commands.js";
import { openDelivery } from "../open-delivery.js";
import { pullRequestFacts } from "../pull-request-facts.js";
import { rejudgeTaskPulls } from "../rejudge-task-pulls.js";

/**
 * `pull_request_review.submitted` on a pull request linked to a task: an approving review counts as
 * `/approve` of the task's current phase (via: review), "changes requested" as `/reject` with the
 * review's text. Only when the core's verdict says the pull request is that task's work: a visible
 * link by someone who may work on the task, into its milestone's branch, changing the current
 * phase's deliverables. Who may approve is decided by the plan on the default branch, never by the PR.
 */
export async function handleReview(
  context: ProbotContext<"pull_request_review.submitted">,
  deps: AppDeps,
): Promise<void> {
  const { review, pull_request: pull, sender } = context.payload;
  if (sender.type === "Bot") return;
  const state = review.state.toLowerCase();
  if (state !== "approved" && state !== "changes_requested") return;
  const d = await openDelivery(context, deps, review.user?.login ?? sender.login);
  const verdict = await judgePullRequest(d.ctx, {
    ...pullRequestFacts(pull),
    changedFiles: await d.ctx.tracker.listPullRequestFiles(pull.number),
  });
  if (verdict.standing === "not-linked") return;
  if (await findReply(d, pull.number, review.id)) return;
  const what = state === "approved" ? "Approving review" : "Review requesting changes";
  const { link, phase } = verdict;
  const target = link && `${link.milestone}/${link.task}${phase ? `, phase ${phase}` : ""}`;
  const line = `${what} of #${pull.number}${target ? ` for ${target}` : ""}`;
  const refusal = refuseReview(verdict);
  if (refusal || !link) return reply(d, pull.number, review.id, renderRefusalComment(refusal!, line));
  const command: ParsedCommand =
    state === "approved"
      ? { verb: "approve", task: link.task, ...(phase && { phase }), line, lineNumber: 1 }
      : {
          verb: "reject",
          reason: review.body?.trim() || "changes requested in a pull request review",
          line,
          lineNumber: 1,
        };
  const task = { milestone: link.milestone, task: link.task, issue: pull.number, kind: "pull" as const };
  d.ctx.source = { review_id: review.id };
  const answer = await answerCommands(d, task, [command], "review");
  if (answer) await reply(d, pull.number, review.id, answer.body);
  await rejudgeTaskPulls(d, answer?.passedTaskGates);
}

/** Why this review decides nothing: the pull request is not the linked task's work in its current phase. */
function refuseReview(verdict: PullRequestVerdict): CommandRefused | undefined {
  if (verdict.standing !== "linked" || !verdict.link) {
    return new CommandRefused("review", verdict.reason ?? verdict.standing, {
      code: verdict.standing,
      whoCan: "approve or reject with a comment on the task's issue (`/approve`, `/reject <reason>`)",
    });
  }
  if (verdict.phase && verdict.carries?.length === 0) {
    const task = verdict.handle?.plan.tasks.find((t) => t.id === verdict.link?.task);
    const paths = task?.phases
      .find((p) => p.id === verdict.phase)
      ?.deliverables.flatMap((d) => (d.kind === "file" ? [`\`${d.path}\``] : []));
    return new CommandRefused(
      "review",
      `this pull request changes none of the ${verdict.phase} deliverables of ${verdict.link?.task} (${paths?.join(", ") || "no files"}), so its review does not decide that phase`,
      {
        code: "not-deliverables",
        whoCan: "review the pull request that carries them, or comment `/approve` on the task's issue",
      },
    );
  }
  return undefined;
}
