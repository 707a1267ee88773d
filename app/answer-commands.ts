import {
  CommandRefused,
  findRecordedCommands,
  limitCommands,
  MilestoneHandle,
  PlanError,
  parseCommands,
  renderRefusalComment,
  renderCommandsReply,
  renderResultComment,
  requirePermission,
  type ParsedCommand,
  type StoppedAt,
} from "../core/index.js";
import type { CommandTarget } from "./find-target.js";
import type { Delivery } from "./open-delivery.js";
import { runCommand } from "./run-command.js";
import { syncMilestone } from "./sync-milestone.js";

/** The reply to every command of one comment, and whether anything changed. */
export interface Answer {
  body: string;
  changed: boolean;
}

/**
 * Run the commands of `text` on `target`'s milestone, one after another, and render one reply with a
 * section per command (result, or refusal with who can). A refused command changes nothing; the
 * others still run. After any change the projection (labels, dashboard) follows within the budget.
 */
export async function answerCommands(
  d: Delivery,
  target: CommandTarget,
  text: string | ParsedCommand[],
  via = "comment",
): Promise<Answer | undefined> {
  const first = typeof text === "string" ? parseCommands(text) : text;
  if (first.length === 0) return undefined;
  let handle: MilestoneHandle;
  try {
    handle = await MilestoneHandle.open(d.ctx, target.milestone, first[0]!.verb);
  } catch (error) {
    return { body: refusalOf(error, first[0]!.line), changed: false };
  }
  const commands =
    typeof text === "string" ? parseCommands(text, { taskIds: handle.plan.tasks.map((t) => t.id) }) : text;
  const sections: string[] = [];
  let changed = false;
  let synced = false;
  // At most MAX_COMMANDS_PER_COMMENT run; one that fails unexpectedly stops the rest, and the reply still says what was done.
  const { run, skipped } = limitCommands(commands);
  let stopped: StoppedAt | undefined;
  // A redelivered comment whose reply was deleted: what the log shows was done is not done again.
  const recorded = findRecordedCommands(await handle.verifiedEvents(), d.ctx.source);
  for (const cmd of run) {
    const done = recorded.get(cmd.lineNumber);
    if (done) {
      sections.push(renderResultComment(cmd.line, done, "Already done when this comment was first answered."));
      continue;
    }
    if (d.ctx.source) d.ctx.source = { ...d.ctx.source, command_line: cmd.lineNumber };
    try {
      sections.push(
        await answerOne(
          d,
          handle,
          cmd,
          { ...target, via },
          (c) => (changed ||= c),
          () => (synced = true),
        ),
      );
    } catch (error) {
      stopped = { command: cmd, reason: error instanceof Error ? error.message : String(error) };
      break;
    }
  }
  if (changed && !synced)
    await syncMilestone(d, handle, true).catch((e) => d.ctx.logger.warn(`sync after commands: ${e}`));
  return { body: renderCommandsReply(sections, skipped, stopped), changed };
}

async function answerOne(
  d: Delivery,
  handle: MilestoneHandle,
  cmd: ParsedCommand,
  target: CommandTarget & { via: string },
  noteChange: (changed: boolean) => void,
  noteSync: () => void,
): Promise<string> {
  try {
    if (cmd.verb === "sync") {
      await requirePermission(d.ctx, "sync");
      await handle.reload();
      const report = await syncMilestone(d, handle);
      noteSync();
      const how = report.complete ? "complete" : `partial: ${report.writes.length} of ${report.total}, continuing`;
      return renderResultComment(cmd.line, [], `Synced: ${report.writes.length} write(s), ${how}.`);
    }
    const outcome = await runCommand(d, handle, cmd, target.task, target.via);
    if ("text" in outcome) return `> ${cmd.line}\n\n${outcome.text}\n`;
    if (outcome.events.length > 0) noteChange(true);
    return renderResultComment(cmd.line, outcome.events, outcome.note);
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
