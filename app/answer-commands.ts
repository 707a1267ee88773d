import {
  CommandRefused,
  MilestoneHandle,
  PlanError,
  parseCommands,
  renderRefusalComment,
  renderResultComment,
  requirePermission,
  type ParsedCommand,
} from "../core/index.js";
import { applySettings } from "./apply-settings.js";
import type { CommandTarget } from "../core/index.js";
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
    await applySettings(handle, d);
  } catch (error) {
    return { body: refusalOf(error, first[0]!.line), changed: false };
  }
  const commands =
    typeof text === "string" ? parseCommands(text, { taskIds: handle.plan.tasks.map((t) => t.id) }) : text;
  const sections: string[] = [];
  let changed = false;
  let synced = false;
  for (const cmd of commands) {
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
  }
  if (changed && !synced) await syncMilestone(d, handle, true);
  return { body: sections.join("\n---\n\n"), changed };
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
