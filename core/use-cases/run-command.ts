import type { ParsedCommand } from "../commands/parse-command.js";
import { CommandRefused } from "../commands/command-refused.js";
import { COMMANDS, type CommandName } from "../commands/command-table.js";
import { renderHelp } from "../commands/render-help.js";
import { gateRule } from "../plan/approval-rule.js";
import type { LogEvent } from "../events/event.js";
import type { DeliverableChanges } from "../render/render-deliverable-changes.js";
import { renderSummary } from "../render/render-summary.js";
import { activate } from "./activate.js";
import { advance } from "./advance.js";
import { approve } from "./approve.js";
import { explainTask, renderExplanation } from "./explain-task.js";
import { authorize } from "./authorize.js";
import { cancelApproval } from "./cancel-approval.js";
import { claim, release } from "./claim.js";
import type { Context } from "./context.js";
import { setHold } from "./set-hold.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { pause } from "./pause.js";
import { reject } from "./reject.js";
import { resume } from "./resume.js";
import { startTask } from "./start-task.js";

/** What a command did: events for the reply (and a note), or a reply of its own (`/status`, `/help`). */
export type CommandOutcome = { events: LogEvent[]; note?: string; changes?: DeliverableChanges } | { text: string };

export interface CommandOptions {
  /** The task the comment is about (a task issue or a linked pull request); undefined on the dashboard. */
  task?: string;
  /** Where the command came from: `comment`, `review`, `workflow`, `cli`. */
  via?: string;
  /** The shell's scan: the core's scan plus what escalation shows where the shell reaches. */
  scan(handle: MilestoneHandle): Promise<{ events: LogEvent[]; blockers: readonly unknown[] }>;
}

/**
 * Carry out one parsed command on milestone `handle` as `ctx.actor`: the permission the command table
 * names is checked first, then the use case decides. Commands that let work move (activate, resume,
 * start, claim, unhold) advance what they touched, as `phasegate execute` would, so nobody needs a
 * terminal. Refusals are thrown as CommandRefused: nothing changed. `/sync` belongs to the shell.
 */
export async function runCommand(
  ctx: Context,
  handle: MilestoneHandle,
  cmd: ParsedCommand,
  options: CommandOptions,
): Promise<CommandOutcome> {
  if (cmd.verb === "invalid")
    throw new CommandRefused(cmd.command, cmd.problem, { code: "invalid", whoCan: "see `/help` for the form" });
  if (cmd.verb === "help" || cmd.verb === "unknown")
    return {
      text: helpFor(handle, cmd.verb === "unknown" ? `\`/${cmd.command}\` is not a Phasegate command.` : undefined),
    };
  await authorize(ctx, cmd.verb);
  const taskOf = (named?: string): string => {
    const id = named ?? options.task;
    if (id !== undefined) return id;
    throw new CommandRefused(cmd.verb, "this comment is not on a task issue, so the command must name the task", {
      code: "task-required",
      whoCan: `name it, for example \`${COMMANDS[cmd.verb as CommandName].form.split(" ")[0]} ${handle.plan.tasks[0]?.id ?? "T1"}\``,
    });
  };
  const moved = async (events: LogEvent[], only?: string): Promise<CommandOutcome> => {
    if (events.length === 0) return { events };
    const report = await advance(ctx, handle, only === undefined ? undefined : new Set([only]));
    return { events: [...events, ...report.events] };
  };
  switch (cmd.verb) {
    case "approve": {
      const r = await approve(ctx, handle, {
        taskId: taskOf(cmd.task),
        ...(cmd.phase && { phase: cmd.phase }),
        via: options.via ?? "comment",
      });
      // An approval the rule does not yet find enough says what else the gate waits for.
      const waits = r.advanced.waiting.find((w) => w.taskId === taskOf(cmd.task) && r.approved.length > 0);
      const note = waits?.reasons.find((reason) => reason.startsWith("waiting for approval"));
      return {
        events: [...r.approved, ...r.advanced.events],
        ...(note && { note: `Still ${note}.` }),
        ...(r.changes && { changes: r.changes }),
      };
    }
    case "explain": {
      const result = await explainTask(ctx, handle, {
        taskId: taskOf(cmd.task),
        ...(cmd.phase && { phase: cmd.phase }),
      });
      return { text: renderExplanation(result) };
    }
    case "cancel-approval":
      return {
        events: await cancelApproval(ctx, handle, { taskId: taskOf(cmd.task), ...(cmd.phase && { phase: cmd.phase }) }),
      };
    case "reject":
      return { events: await reject(ctx, handle, { taskId: taskOf(), reason: cmd.reason }) };
    case "start": {
      const id = taskOf(cmd.task);
      return moved(await startTask(ctx, handle, { taskId: id }), id);
    }
    case "hold":
    case "unhold": {
      const id = taskOf();
      const hold = cmd.verb === "hold";
      const events = await setHold(ctx, handle, {
        taskId: id,
        hold,
        ...(hold && cmd.reason && { reason: cmd.reason }),
      });
      return hold ? { events } : moved(events, id);
    }
    case "claim": {
      const id = taskOf();
      return moved(await claim(ctx, handle, { taskId: id, ...(cmd.ttlMs !== undefined && { ttlMs: cmd.ttlMs }) }), id);
    }
    case "release":
      return { events: await release(ctx, handle, { taskId: taskOf() }) };
    case "activate":
      return moved(await activate(ctx, handle));
    case "pause":
      return { events: await pause(ctx, handle, cmd.reason ?? "") };
    case "resume":
      return moved(await resume(ctx, handle));
    case "scan": {
      const report = await options.scan(handle);
      return {
        events: report.events,
        note: report.blockers.length === 0 ? "No blockers." : `${report.blockers.length} blocker(s) hold.`,
      };
    }
    case "status":
      return { text: renderSummary(await handle.explainedView(ctx.clock.now())) };
    case "override-gate":
      throw new CommandRefused("override-gate", "it overrides `phasegate/gate` on a pull request, not on an issue", {
        code: "wrong-place",
        whoCan: "a maintainer, in a comment on the pull request into the default branch",
      });
    case "sync":
      throw new Error("/sync is run by the shell (it answers within the delivery's budget)");
  }
}

function helpFor(handle: MilestoneHandle, lead?: string): string {
  const { settings } = handle.plan;
  const rules = handle.plan.tasks.flatMap((task) =>
    task.phases.filter((p) => p.approvalRequired).map((phase) => gateRule(handle.plan, task, phase)),
  );
  const help = renderHelp({
    rules,
    minPermission: settings.minApproverPermission,
    allowSelfApproval: settings.allowSelfApproval,
  });
  return lead ? `${lead}\n\n${help}` : help;
}
