import { activate, advance, execute, pause, renderStatus, resume, type AdvanceReport } from "../../core/index.js";
import { emit, EXIT } from "../output.js";
import { createProgressBar } from "../progress-bar.js";
import { renderEvents } from "../render-events.js";
import { milestoneCommand } from "./command.js";

/** What did not move: tasks waiting (for files or an approval), then tasks that could not be checked. */
export function renderLeftBehind(report: AdvanceReport): string {
  const rows = (list: AdvanceReport["waiting"]) =>
    list.map((w) => `  ${w.taskId} (${w.phase}): ${w.reasons.join("; ")}\n`).join("");
  const waiting = rows(report.waiting);
  const problems = rows(report.problems);
  return (waiting ? `Waiting:\n${waiting}` : "") + (problems ? `Problems:\n${problems}` : "");
}

export const executeCommand = milestoneCommand({
  name: "execute",
  usage: "phasegate execute <milestone> [--json]",
  summary:
    "Check prerequisites, activate, advance every task whose deliverables validate and whose gates are approved, then show the dashboard. Never approves a gate.",
  async run({ ctx, handle, io }) {
    const progress = createProgressBar(io);
    const report = await execute({ ...ctx, ...(progress && { progress }) }, handle).finally(() => progress?.end());
    // The same view as `status`: each waiting gate explained (who can approve), not `gate: null`.
    const view = await handle.explainedView(ctx.clock.now());
    const text =
      renderEvents([...report.activated, ...report.events]) + renderLeftBehind(report) + "\n" + renderStatus(view);
    emit(io, { ...report, status: view }, text);
    return report.problems.length > 0 ? EXIT.refused : EXIT.ok;
  },
});

export const activateCommand = milestoneCommand({
  name: "activate",
  usage: "phasegate activate <milestone>",
  summary: "Activate a planned or paused milestone (its required milestones must be completed).",
  async run({ ctx, handle, io }) {
    const events = await activate(ctx, handle);
    emit(
      io,
      { events, status: handle.state.status },
      events.length ? renderEvents(events) : `milestone ${handle.plan.id} is already ${handle.state.status}`,
    );
    return EXIT.ok;
  },
});

export const pauseCommand = milestoneCommand({
  name: "pause",
  usage: "phasegate pause <milestone> [--reason TEXT]",
  summary: "Pause an active milestone: nothing advances until `resume`.",
  options: { reason: { type: "string" } },
  async run({ ctx, handle, args, io }) {
    const events = await pause(ctx, handle, String(args.values.reason ?? ""));
    emit(io, { events, status: handle.state.status }, events.length ? renderEvents(events) : "already paused");
    return EXIT.ok;
  },
});

export const resumeCommand = milestoneCommand({
  name: "resume",
  usage: "phasegate resume <milestone>",
  summary:
    "Resume a paused or blocked milestone from its latest session (refused while a blocker holds), then continue executing.",
  async run({ ctx, handle, io }) {
    const resumed = await resume(ctx, handle);
    const report = await advance(ctx, handle);
    const view = handle.view(ctx.clock.now());
    emit(
      io,
      { resumed, ...report, status: view },
      renderEvents([...resumed, ...report.events]) + renderLeftBehind(report) + "\n" + renderStatus(view),
    );
    return report.problems.length > 0 ? EXIT.refused : EXIT.ok;
  },
});
