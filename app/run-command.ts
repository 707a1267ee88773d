import {
  activate,
  approve,
  cancelApproval,
  claim,
  CommandRefused,
  pause,
  reject,
  release,
  renderHelp,
  renderSummary,
  requirePermission,
  resume,
  setHold,
  type LogEvent,
  type MilestoneHandle,
  type ParsedCommand,
} from "../core/index.js";
import type { Delivery } from "./open-delivery.js";
import { runScan } from "./run-scan.js";

/** What a command did: events for the reply (and a note), or a reply of its own (`/status`, `/help`). */
export type Outcome = { events: LogEvent[]; note?: string } | { text: string };

/**
 * Carry out one parsed command on milestone `handle` as the delivery's actor; `task` is the task the
 * comment is about (undefined on the dashboard). Refusals are thrown as CommandRefused: nothing changed.
 * Every rule is the core's; this only picks the use case. `/sync` is left to the caller (it answers
 * within the delivery's budget).
 */
export async function runCommand(
  d: Delivery,
  handle: MilestoneHandle,
  cmd: ParsedCommand,
  task?: string,
  via = "comment",
): Promise<Outcome> {
  const { ctx } = d;
  const taskOf = (named?: string): string => {
    const id = named ?? task;
    if (id === undefined) {
      throw new CommandRefused(cmd.verb, "this comment is not on a task issue, so the command must name the task", {
        code: "task-required",
        whoCan: `name it, for example \`/${cmd.verb === "cancel-approval" ? "approve cancel" : cmd.verb} ${handle.plan.tasks[0]?.id ?? "T1"}\``,
      });
    }
    return id;
  };
  switch (cmd.verb) {
    case "approve": {
      const r = await approve(ctx, handle, {
        taskId: taskOf(cmd.task),
        ...(cmd.phase && { phase: cmd.phase }),
        via,
      });
      return { events: [...r.approved, ...r.advanced.events] };
    }
    case "cancel-approval":
      return {
        events: await cancelApproval(ctx, handle, { taskId: taskOf(cmd.task), ...(cmd.phase && { phase: cmd.phase }) }),
      };
    case "reject":
      return { events: await reject(ctx, handle, { taskId: taskOf(), reason: cmd.reason }) };
    case "hold":
    case "unhold":
      return {
        events: await setHold(ctx, handle, {
          taskId: taskOf(),
          hold: cmd.verb === "hold",
          ...(cmd.verb === "hold" && cmd.reason && { reason: cmd.reason }),
        }),
      };
    case "claim":
      return {
        events: await claim(ctx, handle, { taskId: taskOf(), ...(cmd.ttlMs !== undefined && { ttlMs: cmd.ttlMs }) }),
      };
    case "release":
      return { events: await release(ctx, handle, { taskId: taskOf() }) };
    case "activate":
      await requirePermission(ctx, "activate");
      return { events: await activate(ctx, handle) };
    case "pause":
      await requirePermission(ctx, "pause");
      return { events: await pause(ctx, handle, cmd.reason ?? "") };
    case "resume":
      await requirePermission(ctx, "resume");
      return { events: await resume(ctx, handle) };
    case "scan": {
      await requirePermission(ctx, "scan");
      const report = await runScan(d, handle);
      return {
        events: report.events,
        note: report.blockers.length === 0 ? "No blockers." : `${report.blockers.length} blocker(s) hold.`,
      };
    }
    case "status":
      return { text: renderSummary(handle.view(ctx.clock.now())) };
    case "help":
    case "unknown":
      return {
        text: helpFor(handle, cmd.verb === "unknown" ? `\`/${cmd.command}\` is not a Phasegate command.` : undefined),
      };
    case "invalid":
      throw new CommandRefused(cmd.command, cmd.problem, { code: "invalid", whoCan: "see `/help` for the form" });
    case "sync":
      throw new Error("/sync is run by the caller");
  }
}

function helpFor(handle: MilestoneHandle, lead?: string): string {
  const { settings, approvers } = handle.plan;
  const help = renderHelp({
    approvers,
    minPermission: settings.minApproverPermission,
    allowSelfApproval: settings.allowSelfApproval,
  });
  return lead ? `${lead}\n\n${help}` : help;
}
