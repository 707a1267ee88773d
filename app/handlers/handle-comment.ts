import type { Context as ProbotContext } from "probot";
import { parseCommands, renderRefusalComment } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { answerCommands } from "../answer-commands.js";
import { findTarget } from "../../core/index.js";
import { openDelivery } from "../open-delivery.js";
import { claimComment, findReply, reply } from "../../core/index.js";

/**
 * `issue_comment.created` on a task issue, the dashboard or a pull request linked to a task: every
 * command line of the comment runs (product.md §6), answered by a 👀 at once and one reply. Bots are
 * ignored; edits are never subscribed to, so an edited comment re-runs nothing.
 */
export async function handleComment(context: ProbotContext<"issue_comment.created">, deps: AppDeps): Promise<void> {
  const { comment, issue, sender } = context.payload;
  if (sender.type === "Bot" || comment.user?.type === "Bot") return;
  if (parseCommands(comment.body ?? "").length === 0) return;
  const actor = sender.login;
  const d = await openDelivery(context, deps, actor);
  d.payloadMilestone = issue.milestone as Record<string, unknown> | null;
  const target = await findTarget(d.ctx, issue);
  if (!target) return;
  // The 👀 first: made now, it says no delivery saw this comment before, so there is no reply to look
  // for (one request fewer on every first delivery). Already there: a redelivery, or another replica
  // reacted first, which answers (a fresh 👀) or died (an old one, then the reply lookup decides).
  const seen = await claimComment(d, comment.id);
  if (seen === "busy") return;
  if (seen === "again" && (await findReply(d, issue.number, comment.id, comment.created_at))) return;
  // Every event the commands write carries the comment's id: the log says what was answered.
  d.ctx.source = { comment_id: comment.id };
  const answer = target.refused
    ? { body: renderRefusalComment(target.refused, parseCommands(comment.body ?? "")[0]!.line), changed: false }
    : await answerCommands(d, target, comment.body ?? "");
  if (answer) await reply(d, issue.number, comment.id, answer.body);
  context.log.info({ stats: d.ports.stats, changed: answer?.changed }, "answered comment %d", comment.id);
}
