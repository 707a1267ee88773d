import type { Context as ProbotContext } from "probot";
import { answerOverride, parseCommands, renderRefusalComment, type ParsedCommand } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { answerCommands, type Answer } from "../answer-commands.js";
import { ensureCheckRun } from "../ensure-check-run.js";
import { findTarget } from "../../core/index.js";
import { openDelivery } from "../open-delivery.js";
import { rejudgeTaskPulls } from "../rejudge-task-pulls.js";
import { claimComment, findReply, reply } from "../../core/index.js";

/** `/override-gate`, well formed or not: answered on any pull request, linked to a task or not. */
const isOverride = (c: ParsedCommand): boolean =>
  c.verb === "override-gate" || (c.verb === "invalid" && c.command === "override-gate");

/**
 * `issue_comment.created` on a task issue, the dashboard or a pull request linked to a task: every
 * command line of the comment runs (product.md §6), answered by a 👀 at once and one reply. On any
 * pull request, `/override-gate <reason>` is answered too and `phasegate/gate` updated. Bots are
 * ignored; edits are never subscribed to, so an edited comment re-runs nothing.
 */
export async function handleComment(context: ProbotContext<"issue_comment.created">, deps: AppDeps): Promise<void> {
  const { comment, issue, sender } = context.payload;
  if (sender.type === "Bot" || comment.user?.type === "Bot") return;
  const commands = parseCommands(comment.body ?? "");
  if (commands.length === 0) return;
  const gate = issue.pull_request ? commands.filter(isOverride) : [];
  const rest = gate.length > 0 ? commands.filter((c) => !isOverride(c)) : commands;
  const actor = sender.login;
  const d = await openDelivery(context, deps, actor);
  d.payloadMilestone = issue.milestone as Record<string, unknown> | null;
  const target = rest.length > 0 ? await findTarget(d.ctx, issue) : undefined;
  if (!target && gate.length === 0) return;
  // The 👀 first: made now, it says no delivery saw this comment before, so there is no reply to look
  // for (one request fewer on every first delivery). Already there: a redelivery, or another replica
  // reacted first, which answers (a fresh 👀) or died (an old one, then the reply lookup decides).
  const seen = await claimComment(d, comment.id);
  if (seen === "busy") return;
  if (seen === "again" && (await findReply(d, issue.number, comment.id, comment.created_at))) return;
  // Every event the commands write carries the comment's id: the log says what was answered.
  d.ctx.source = { comment_id: comment.id };
  const sections: string[] = [];
  let changed = false;
  let passed: Answer["passedTaskGates"];
  if (gate[0]) {
    const answer = await answerOverride(d.ctx, issue.number, gate[0]);
    if (answer.check) await ensureCheckRun(d, answer.check, { sameSummary: true });
    sections.push(answer.body);
  }
  if (target) {
    const answer = target.refused
      ? { body: renderRefusalComment(target.refused, rest[0]!.line), changed: false }
      : await answerCommands(d, target, gate.length > 0 ? rest : (comment.body ?? ""));
    if (answer) sections.push(answer.body);
    changed ||= answer?.changed ?? false;
    passed = answer && "passedTaskGates" in answer ? answer.passedTaskGates : undefined;
  }
  if (sections.length > 0) await reply(d, issue.number, comment.id, sections.join("\n"));
  // A Task gate passed: the pull requests it held are judged again (nothing is read otherwise).
  await rejudgeTaskPulls(d, passed);
  context.log.info({ stats: d.ports.stats, changed }, "answered comment %d", comment.id);
}
