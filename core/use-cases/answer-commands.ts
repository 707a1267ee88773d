import { CommandRefused } from "../commands/command-refused.js";
import { parseCommands, type ParsedCommand } from "../commands/parse-command.js";
import { renderRefusalComment, renderResultComment } from "../commands/render-comment-reply.js";
import type { LogEvent } from "../events/event.js";
import { limitCommands, renderCommandsReply, type StoppedAt } from "../commands/limit-commands.js";
import { findRecordedCommands } from "../events/find-recorded-commands.js";
import { PlanError } from "../plan/plan-error.js";
import { findPassedTaskGates } from "../rules/find-passed-task-gates.js";
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
  /**
   * The tasks whose Task gate these commands passed (findPassedTaskGates), with their milestone as
   * written: the shell re-judges their pull requests' `phasegate/gate`. Absent when none did.
   */
  passedTaskGates?: PassedTaskGates;
}

/** Tasks whose Task gate just passed, and their milestone open as the step that passed them left it. */
export interface PassedTaskGates {
  handle: MilestoneHandle;
  tasks: string[];
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
  // At most MAX_COMMANDS_PER_COMMENT run; one that fails unexpectedly stops the rest, and the reply
  // still says what was done.
  const { run, skipped } = limitCommands(commands);
  let stopped: StoppedAt | undefined;
  const written: LogEvent[] = [];
  // A redelivered comment whose reply was deleted: what the log shows was done is not done again.
  const recorded = findRecordedCommands(await handle.verifiedEvents(), ctx.source);
  for (const cmd of run) {
    const done = recorded.get(cmd.lineNumber);
    if (done) {
      sections.push(renderResultComment(cmd.line, done, "Already done when this comment was first answered."));
      continue;
    }
    if (ctx.source) ctx.source = { ...ctx.source, command_line: cmd.lineNumber };
    try {
      sections.push(
        await answerOne(
          ctx,
          handle,
          cmd,
          target,
          options,
          (events) => {
            written.push(...events);
            changed ||= events.length > 0;
          },
          () => (synced = true),
        ),
      );
    } catch (error) {
      stopped = { command: cmd, reason: error instanceof Error ? error.message : String(error) };
      break;
    }
  }
  if (changed && !synced)
    await options.sync(handle, true).catch((e) => ctx.logger.warn(`sync after commands: ${String(e)}`));
  const passed = findPassedTaskGates(handle.plan, written);
  return {
    body: renderCommandsReply(sections, skipped, stopped),
    changed,
    ...(passed.length > 0 && { passedTaskGates: { handle, tasks: passed } }),
  };
}

/** One command's section of the reply; refusals are rendered, anything else stops the comment. */
async function answerOne(
  ctx: Context,
  handle: MilestoneHandle,
  cmd: ParsedCommand,
  target: CommandTarget,
  options: AnswerOptions,
  noteEvents: (events: readonly LogEvent[]) => void,
  noteSync: () => void,
): Promise<string> {
  try {
    if (cmd.verb === "sync") {
      await authorize(ctx, "sync");
      await handle.reload();
      const report = await options.sync(handle, false);
      noteSync();
      const how = report.complete ? "complete" : `partial: ${report.writes.length} of ${report.total}, continuing`;
      return renderResultComment(cmd.line, [], `Synced: ${report.writes.length} write(s), ${how}.`);
    }
    const outcome = await runCommand(ctx, handle, cmd, {
      ...(target.task !== undefined && { task: target.task }),
      via: options.via ?? "comment",
      scan: options.scan,
    });
    if ("text" in outcome) return `> ${cmd.line}\n\n${outcome.text}\n`;
    noteEvents(outcome.events);
    return renderResultComment(cmd.line, outcome.events, outcome.note, outcome.changes);
  } catch (error) {
    return refusalOf(error, cmd.line);
  }
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
