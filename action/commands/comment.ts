import {
  acknowledge,
  answerCommands,
  answerOverride,
  CommandRefused,
  ensureCheckRun,
  findReply,
  findTarget,
  markdownText,
  parseCommands,
  renderRefusalComment,
  reply,
  scanAndEscalate,
  sync,
  type CommandTarget,
  type ParsedCommand,
} from "../../core/index.js";
import type { ApiContext } from "../api-context.js";
import { InputError } from "../input-error.js";
import type { Outcome } from "../outcome.js";

/**
 * `issue_comment` (created) on a task issue, the dashboard or a pull request linked to a task: every
 * command line runs through the core's command table as the commenter (their permission asked
 * through GitHub's API, the same rules as the App), and the comment gets one reply, marked with its
 * id, so a re-run of the job finds it and does nothing. Bots, edits and comments elsewhere are
 * ignored. The step succeeds when it answered, refusals included: the reply says why.
 */
export async function answerComment(ctx: ApiContext, eventName: string | undefined): Promise<Outcome> {
  if (eventName !== "issue_comment") {
    throw new InputError(
      `comment answers issue_comment events; this run is ${eventName ?? "outside a workflow"} (see docs/workflows/phasegate-comment.yml)`,
    );
  }
  const { action, comment, issue, sender } = ctx.payload;
  if (!comment || !issue || typeof comment.id !== "number" || typeof issue.number !== "number")
    throw new InputError("the issue_comment event has no comment or issue");
  if (action !== "created") return skipped(`the comment was ${String(action)}; only new comments carry commands`);
  if (sender?.type === "Bot" || comment.user?.type === "Bot") return skipped("the comment is a bot's");
  const text = String(comment.body ?? "");
  const commands = parseCommands(text);
  if (commands.length === 0) return skipped("the comment holds no command");
  // `/override-gate` is answered on any pull request; the comment's other commands as usual.
  const gate = issue.pull_request ? commands.filter(isOverride) : [];
  const rest = gate.length > 0 ? commands.filter((c) => !isOverride(c)) : commands;
  const target = rest.length > 0 ? await findTarget(ctx, issue) : undefined;
  if (!target && !gate[0])
    return skipped(`#${issue.number} is not a Phasegate task issue, dashboard or linked pull request`);
  if (await findReply({ ctx }, issue.number, comment.id, comment.created_at)) {
    return skipped(`comment ${comment.id} was answered already`);
  }
  // "Seen": one job runs per comment, so the reaction is a signal, not a claim as in the App.
  await acknowledge({ ctx }, comment.id);
  // The commenter, from the event: a re-run started by someone else still acts as the commenter.
  const acting = {
    ...ctx,
    actor: String(comment.user?.login ?? sender?.login ?? ctx.actor),
    source: { comment_id: comment.id as number },
  };
  const overridden = gate[0] ? await answerGateOverride(acting, issue.number, gate[0]) : undefined;
  const answered = target
    ? await answerOnTarget(ctx, acting, issue.number, target, gate.length > 0 ? rest : text)
    : undefined;
  const answer = {
    body: [overridden?.body, answered?.body].filter((b) => b !== undefined).join("\n"),
    changed: answered?.changed ?? false,
  };
  if (answer.body === "") return skipped("the comment holds no command");
  await reply({ ctx }, issue.number, comment.id, answer.body);
  return {
    outputs: target ? { task: target.task ? `${target.milestone}/${target.task}` : target.milestone } : {},
    summary: [
      `## Phasegate comment: #${issue.number} by ${markdownText(acting.actor)}`,
      "",
      answer.changed ? "Changed the milestone; labels and the dashboard follow." : "Nothing changed.",
      "",
      answer.body,
    ].join("\n"),
  };
}

/** `/override-gate`, well formed or not. */
function isOverride(c: ParsedCommand): boolean {
  return c.verb === "override-gate" || (c.verb === "invalid" && c.command === "override-gate");
}

/** The override's reply, and `phasegate/gate` on the head updated (the core's answerOverride, as the App). */
async function answerGateOverride(ctx: ApiContext, number: number, cmd: ParsedCommand): Promise<{ body: string }> {
  const answer = await answerOverride(ctx, number, cmd);
  // Given again for the same head, the verdict is the same: nothing more is written.
  if (answer.check) await ensureCheckRun(ctx.tracker, answer.check, { sameSummary: true });
  return answer;
}

/** The commands on a task issue, the dashboard or a linked pull request (not a fork's). */
async function answerOnTarget(
  ctx: ApiContext,
  acting: ApiContext,
  number: number,
  target: CommandTarget,
  text: string | ParsedCommand[],
) {
  const lines = typeof text === "string" ? parseCommands(text) : text;
  const fork = target.kind === "pull" ? await findForkHead(ctx, number) : undefined;
  // A pull request whose link does not count (hidden, or by someone who may not work on the task).
  if (target.refused) return { body: renderRefusalComment(target.refused, lines[0]!.line), changed: false };
  if (fork) return { body: refuseFork(lines, fork, target), changed: false };
  return answerCommands(acting, target, text, {
    via: "comment",
    scan: (handle) => scanAndEscalate(acting, handle),
    sync: (handle) => sync(ctx, handle),
  });
}

function skipped(reason: string): Outcome {
  return { outputs: {}, summary: `## Phasegate comment\n\nNothing to do: ${markdownText(reason)}.\n` };
}

/** The head repository of pull request `number` when it is not this one (a fork; `unknown` once deleted). */
async function findForkHead(ctx: ApiContext, number: number): Promise<string | undefined> {
  const { data } = await ctx.octokit.rest.pulls.get({ owner: ctx.owner, repo: ctx.name, pull_number: number });
  const head = data.head.repo?.full_name;
  if (head !== undefined && head.toLowerCase() === `${ctx.owner}/${ctx.name}`.toLowerCase()) return undefined;
  return head ?? "a deleted repository";
}

/**
 * A pull request from a fork names its task in a body its author wrote: commands there get a reply
 * and nothing else, and the task issue is where they run.
 */
function refuseFork(commands: ParsedCommand[], fork: string, target: CommandTarget): string {
  const lines = commands.map((c) => c.line);
  const refused = new CommandRefused(
    lines[0]?.slice(1).split(/\s/)[0] ?? "command",
    `this pull request comes from ${fork}, and commands on a fork's pull request are not run`,
    {
      code: "fork-write",
      whoCan: `anyone the command table allows, on the task issue${target.task ? ` of ${target.task}` : ""} or the dashboard`,
    },
  );
  return renderRefusalComment(refused, lines.join("\n"));
}
