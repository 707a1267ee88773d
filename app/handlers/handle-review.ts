import type { Context as ProbotContext } from "probot";
import type { ParsedCommand } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { answerCommands } from "../answer-commands.js";
import { findTarget } from "../../core/index.js";
import { openDelivery } from "../open-delivery.js";
import { findReply, reply } from "../../core/index.js";

/**
 * `pull_request_review.submitted` on a pull request linked to a task: an approving review counts as
 * `/approve` of the task's current phase (via: review), "changes requested" as `/reject` with the
 * review's text. Who may approve is decided by the plan on the default branch, never by the PR.
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
  const target = await findTarget(d.ctx.tracker, { number: pull.number, body: pull.body, pull_request: true });
  if (!target) return;
  if (await findReply(d, pull.number, review.id)) return;
  const line = state === "approved" ? "Approving review" : "Review requesting changes";
  const command: ParsedCommand =
    state === "approved"
      ? { verb: "approve", line, lineNumber: 1 }
      : {
          verb: "reject",
          reason: review.body?.trim() || "changes requested in a pull request review",
          line,
          lineNumber: 1,
        };
  const answer = await answerCommands(d, target, [command], "review");
  if (answer) await reply(d, pull.number, review.id, answer.body);
}
