import { CommandRefused } from "../commands/command-refused.js";
import type { LogEvent } from "../events/event.js";
import { activate } from "./activate.js";
import { advance, type AdvanceReport } from "./advance.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { saveSession } from "./save-session.js";

export interface ExecuteReport extends AdvanceReport {
  activated: LogEvent[];
  session?: string;
}

/**
 * The original protocol end to end: prerequisites, activation, then every task advanced as far
 * as its deliverables and approvals allow, and a session snapshot when anything moved.
 * It never approves a gate: gates wait for a person (or an agent with the right) to approve.
 */
export async function execute(ctx: Context, handle: MilestoneHandle): Promise<ExecuteReport> {
  const status = handle.state.status;
  if (status === "blocked")
    throw new CommandRefused("execute", "the milestone is blocked", {
      code: "blocked",
      whoCan: "resolve the blockers first",
      next: { verb: "resume", milestone: handle.plan.id },
    });
  if (status === "completed") return { activated: [], events: [], waiting: [], problems: [] };
  const activated = await activate(ctx, handle);
  const report = await advance(ctx, handle);
  if (activated.length + report.events.length === 0) return { activated, ...report };
  const reason =
    handle.state.status === "completed"
      ? "milestone_completed"
      : report.waiting.length > 0
        ? "waiting"
        : "execute_finished";
  const session = await saveSession(ctx, handle, reason);
  return { activated, ...report, session };
}
