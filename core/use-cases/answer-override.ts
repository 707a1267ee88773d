import { CommandRefused } from "../commands/command-refused.js";
import type { ParsedCommand } from "../commands/parse-command.js";
import { renderRefusalComment, renderResultComment } from "../commands/render-comment-reply.js";
import type { CheckRunSpec } from "../projection/projection.js";
import type { Tracker } from "../ports.js";
import type { Context } from "./context.js";
import { overrideGate } from "./override-gate.js";

/** The reply to an `/override-gate` comment, and `phasegate/gate` for the head when it was judged. */
export interface OverrideAnswer {
  body: string;
  check?: CheckRunSpec;
}

/**
 * An `/override-gate` comment on pull request `number`, answered the same way by every shell: the
 * pull request is read through the API (its head, base, description and changed paths; never its
 * code), overrideGate decides (permission first, then the reason), and one reply says what was
 * recorded or why not and who can. The shell then updates the check run with `check`.
 */
export async function answerOverride(
  ctx: Context & { tracker: Tracker },
  number: number,
  cmd: ParsedCommand,
): Promise<OverrideAnswer> {
  try {
    const pull = await ctx.tracker.getPullRequest(number);
    if (!pull || pull.state !== "open")
      throw new CommandRefused("override-gate", `#${number} is not an open pull request`, {
        code: "not-open",
        whoCan: "a maintainer, on an open pull request into the default branch",
      });
    const changedFiles = await ctx.tracker.listPullRequestFiles(number, { removed: true });
    const reason = cmd.verb === "override-gate" ? cmd.reason : "";
    const result = await overrideGate(ctx, { ...pull, changedFiles }, reason);
    return { body: renderResultComment(cmd.line, result.events, result.note), check: result.verdict.check };
  } catch (error) {
    if (error instanceof CommandRefused) return { body: renderRefusalComment(error, cmd.line) };
    throw error;
  }
}
