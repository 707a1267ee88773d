import {
  approve,
  cancelApproval,
  claim,
  explainTask,
  reject,
  release,
  renderDeliverableChanges,
  renderExplanation,
  setHold,
  startTask,
} from "../../core/index.js";
import { parseTtl } from "../args.js";
import { emit, EXIT, UsageError } from "../output.js";
import { milestoneCommand } from "./command.js";
import { renderEvents } from "../render-events.js";

const taskOf = (positionals: string[]) => positionals[1] as string;
const phaseOf = (values: Record<string, unknown>) => (typeof values.phase === "string" ? { phase: values.phase } : {});
const done = (what: string) => (events: unknown[]) => (events.length ? "" : `${what}\n`);

export const startCommand = milestoneCommand({
  name: "start",
  narrow: true,
  usage: "phasegate start <milestone> <task>",
  summary: "Start a ready task's first phase now (refused while its dependencies are not completed).",
  args: ["task"],
  async run({ ctx, handle, args, io }) {
    const events = await startTask(ctx, handle, { taskId: taskOf(args.positionals) });
    emit(io, { events }, renderEvents(events) + done("already started")(events));
    return EXIT.ok;
  },
});

export const approveCommand = milestoneCommand({
  name: "approve",
  narrow: true,
  usage: "phasegate approve <milestone> <task> [--phase P] [--cancel] [--as USER]",
  summary:
    "Approve the task's active phase (deliverables must validate). Who may approve and how many approvals a gate needs come from the gate's approval rule in the plan on the default branch: groups of N approvals, each from the people named, members of the `@org/team`s named (GitHub, or `teams:` in .github/phasegate.yml locally), or the CODEOWNERS of the phase's deliverables; every group must be met, and authors never count unless allow_self_approval. `phasegate explain` shows a gate's rule and who can approve. Approving deliverables that changed since your earlier approval shows what changed. --cancel withdraws your approval.",
  args: ["task"],
  options: { phase: { type: "string" }, cancel: { type: "boolean" } },
  async run({ ctx, handle, args, io }) {
    const input = { taskId: taskOf(args.positionals), ...phaseOf(args.values) };
    if (args.values.cancel) {
      const events = await cancelApproval(ctx, handle, input);
      emit(io, { events }, renderEvents(events));
      return EXIT.ok;
    }
    const result = await approve(ctx, handle, input);
    const events = [...result.approved, ...result.advanced.events];
    const changed = result.changes ? renderDeliverableChanges(result.changes, false) : "";
    emit(
      io,
      result,
      renderEvents(events) + changed + done("already approved by you; nothing changed")(result.approved),
    );
    return EXIT.ok;
  },
});

export const rejectCommand = milestoneCommand({
  name: "reject",
  narrow: true,
  usage: "phasegate reject <milestone> <task> --reason TEXT [--phase P] [--as USER]",
  summary:
    "Reject the task's active phase: it stays in the phase, earlier approvals stop counting, the reason is recorded.",
  args: ["task"],
  options: { phase: { type: "string" }, reason: { type: "string" } },
  async run({ ctx, handle, args, io }) {
    if (typeof args.values.reason !== "string") throw new UsageError("reject needs --reason TEXT");
    const events = await reject(ctx, handle, {
      taskId: taskOf(args.positionals),
      reason: args.values.reason,
      ...phaseOf(args.values),
    });
    emit(io, { events }, renderEvents(events));
    return EXIT.ok;
  },
});

export const claimCommand = milestoneCommand({
  name: "claim",
  narrow: true,
  usage: "phasegate claim <milestone> <task> [--ttl DURATION] [--as USER]",
  summary: "Claim a ready or started task for a while (default: the plan's claim_ttl) so others pick another one.",
  args: ["task"],
  options: { ttl: { type: "string" } },
  async run({ ctx, handle, args, io }) {
    const ttl = typeof args.values.ttl === "string" ? { ttlMs: parseTtl(args.values.ttl) } : {};
    const events = await claim(ctx, handle, { taskId: taskOf(args.positionals), ...ttl });
    emit(io, { events }, renderEvents(events));
    return EXIT.ok;
  },
});

export const releaseCommand = milestoneCommand({
  name: "release",
  narrow: true,
  usage: "phasegate release <milestone> <task> [--as USER]",
  summary: "Release a claim (the claimant, or a maintainer).",
  args: ["task"],
  async run({ ctx, handle, args, io }) {
    const events = await release(ctx, handle, { taskId: taskOf(args.positionals) });
    emit(io, { events }, renderEvents(events) + done("not claimed; nothing to release")(events));
    return EXIT.ok;
  },
});

function holdCommand(hold: boolean) {
  return milestoneCommand({
    name: hold ? "hold" : "unhold",
    narrow: true,
    usage: `phasegate ${hold ? "hold" : "unhold"} <milestone> <task>${hold ? " [--reason TEXT]" : ""}`,
    summary: hold ? "Put a task on hold: it does not advance until unheld." : "Take a task off hold.",
    args: ["task"],
    options: hold ? { reason: { type: "string" } } : {},
    async run({ ctx, handle, args, io }) {
      const reason = typeof args.values.reason === "string" ? { reason: args.values.reason } : {};
      const events = await setHold(ctx, handle, { taskId: taskOf(args.positionals), hold, ...reason });
      emit(io, { events }, renderEvents(events) + done(hold ? "already on hold" : "not on hold")(events));
      return EXIT.ok;
    },
  });
}

export const holdCommands = [holdCommand(true), holdCommand(false)];

export const explainCommand = milestoneCommand({
  name: "explain",
  readOnly: true,
  usage: "phasegate explain <milestone> <task> [--phase P] [--plan-ref REF] [--as USER]",
  summary:
    "Dry run of a gate's approval rule against the log: what counts, what is missing, who can approve, whether USER may and would pass it. --plan-ref judges the rule of the plan on another branch. Writes nothing.",
  args: ["task"],
  options: { phase: { type: "string" }, "plan-ref": { type: "string" } },
  async run({ ctx, handle, args, io }) {
    const ref = args.values["plan-ref"];
    const result = await explainTask(ctx, handle, {
      taskId: taskOf(args.positionals),
      ...phaseOf(args.values),
      ...(typeof ref === "string" && { planRef: ref }),
    });
    emit(io, result, renderExplanation(result));
    return EXIT.ok;
  },
});
