import { CommandRefused } from "../commands/command-refused.js";
import { parseCommands, type ParsedCommand } from "../commands/parse-command.js";
import { renderRefusalComment, renderResultComment } from "../commands/render-comment-reply.js";
import type { LogEvent } from "../events/event.js";
import { PlanError } from "../plan/plan-error.js";
import { authorize } from "./authorize.js";
import type { Context } from "./context.js";
import type { CommandTarget } from "./find-target.js";
import { MilestoneHandle } from "./milestone-handle.js";
import { runCommand } from "./run-command.js";
import type { SyncReport } from "./sync.js";

/** The reply to every command of one comment, and whether anything changed. */
export interface Answer {
  body: string;
  changed: boolean;
}

/** What the shell lends: how it scans and how it syncs (each shell paces and continues its own way). */
export interface AnswerOptions {
  /** Where the commands came from: `comment`, `review`. */
  via?: string;
  scan(handle: MilestoneHandle): Promise<{ events: LogEvent[]; blockers: readonly unknown[] }>;
  /** Project the milestone; `afterCommand` is a sync that follows a change (the shell may read less). */
  sync(handle: MilestoneHandle, afterCommand: boolean): Promise<SyncReport>;
  /** Called once the milestone is open, before any command (the shell reads its settings). */
  prepare?(handle: MilestoneHandle): Promise<void>;
}

/**
 * Run the commands of `text` on `target`'s milestone as `ctx.actor`, one after another, through the
 * one command table, and render one reply with a section per command (its result, or its refusal
 * with who can). A refused command changes nothing; the others still run. After any change the
 * projection (labels, dashboard, the GitHub milestone) follows in the same run, so nothing waits for
 * another event. Undefined: the text holds no command.
 */
export async function answerCommands(
  ctx: Context,
  target: CommandTarget,
  text: string | ParsedCommand[],
  options: AnswerOptions,
): Promise<Answer | undefined> {
  const first = typeof text === "string" ? parseCommands(text) : text;
  if (first.length === 0) return undefined;
  let handle: MilestoneHandle;
  try {
    handle = await MilestoneHandle.open(ctx, target.milestone, first[0]!.verb);
    await options.prepare?.(handle);
  } catch (error) {
    return { body: refusalOf(error, first[0]!.line), changed: false };
  }
  const commands =
    typeof text === "string" ? parseCommands(text, { taskIds: handle.plan.tasks.map((t) => t.id) }) : text;
  const sections: string[] = [];
  let changed = false;
  let synced = false;
  for (const cmd of commands) {
    try {
      if (cmd.verb === "sync") {
        await authorize(ctx, "sync");
        await handle.reload();
        const report = await options.sync(handle, false);
        synced = true;
        const how = report.complete ? "complete" : `partial: ${report.writes.length} of ${report.total}, continuing`;
        sections.push(renderResultComment(cmd.line, [], `Synced: ${report.writes.length} write(s), ${how}.`));
        continue;
      }
      const outcome = await runCommand(ctx, handle, cmd, {
        ...(target.task !== undefined && { task: target.task }),
        via: options.via ?? "comment",
        scan: options.scan,
      });
      if ("text" in outcome) {
        sections.push(`> ${cmd.line}\n\n${outcome.text}\n`);
        continue;
      }
      if (outcome.events.length > 0) changed = true;
      sections.push(renderResultComment(cmd.line, outcome.events, outcome.note));
    } catch (error) {
      sections.push(refusalOf(error, cmd.line));
    }
  }
  if (changed && !synced) await options.sync(handle, true);
  return { body: sections.join("\n---\n\n"), changed };
}

/** A refusal (or an invalid plan on the default branch) as a reply; anything else is a real failure. */
function refusalOf(error: unknown, line: string): string {
  if (error instanceof CommandRefused) return renderRefusalComment(error, line);
  if (error instanceof PlanError) {
    const refused = new CommandRefused("command", `the plan on the default branch is not valid:\n${error.message}`, {
      code: "invalid-plan",
      whoCan: "fix the plan through a pull request; its `phasegate/plan` check shows where",
    });
    return renderRefusalComment(refused, line);
  }
  throw error;
}
