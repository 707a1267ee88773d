import {
  auditMilestone,
  checkLastCheckpoint,
  milestoneIdOf,
  MilestoneAudit,
  MilestoneHandle,
  renderStatus,
} from "../../core/index.js";
import { expandPlanPaths } from "../../local/plan-paths.js";
import { emit, EXIT, type Io } from "../output.js";
import { localCommand, openMilestone, type LocalContext } from "./command.js";

interface OverviewRow {
  id: string;
  status: string;
  progress: number;
  tasks: string;
  blockers: string[];
  problem: string | null;
}

export const statusCommand = localCommand({
  name: "status",
  usage: "phasegate status [milestone] [--json]",
  summary:
    "Show a milestone's dashboard (progress, each task's phase, ready tasks, blockers, claims, sessions, recent events); without a milestone, one line per milestone.",
  optionalArgs: ["milestone"],
  readOnly: true,
  async run({ ctx, args, io }) {
    const id = args.positionals[0];
    return id === undefined ? showOverview(ctx, io) : showMilestone(ctx, id, io);
  },
});

/** One milestone's dashboard, with the audit's findings; exit 1 when the log does not verify or the audit finds anything. */
async function showMilestone(ctx: LocalContext, id: string, io: Io): Promise<number> {
  // The audit runs while the log is verified and folded, in the same pass: no event is kept.
  let audit: MilestoneAudit | undefined;
  const handle = await openMilestone(ctx, id, io, { name: "status", readOnly: true }, async (opened) => {
    const started = await MilestoneAudit.start(ctx, opened);
    audit = started;
    return (event) => started.see(event);
  });
  // The last checkpoint's commit off the branch (a killed checkpoint, ADR 39): asked first, while git's
  // object reader still runs, so no git process starts when the commit is HEAD's parent.
  const checked = await checkLastCheckpoint(ctx, handle);
  const { findings: audited } = audit && handle.observed ? audit.finish() : await auditMilestone(ctx, handle);
  const findings = [...audited, ...checked.findings];
  const view = await handle.explainedView(ctx.clock.now(), findings);
  emit(io, view, renderStatus(view));
  return handle.logProblem || findings.length > 0 ? EXIT.refused : EXIT.ok;
}

/** One line per milestone in the plan folders; exit 1 when one cannot be read. */
async function showOverview(ctx: LocalContext, io: Io): Promise<number> {
  // Symlinked plans too: listed with the reason they are refused, as `validate` lists them.
  const plans = await expandPlanPaths(ctx.repo, ctx.repo.root, [], { symlinks: true });
  const ids = [...new Set(plans.map(milestoneIdOf))].sort();
  const rows: OverviewRow[] = [];
  for (const id of ids) rows.push(await overviewRow(ctx, id));
  const width = Math.max(9, ...rows.map((r) => r.id.length));
  const lines = rows.map(
    (r) =>
      `${r.id.padEnd(width)}  ${r.status.padEnd(11)}  ${r.progress.toFixed(1).padStart(5)}%  ${r.tasks.padEnd(7)}  ` +
      (r.problem ?? (r.blockers.length ? `blocked: ${r.blockers.join("; ")}` : "")),
  );
  const header = `${"milestone".padEnd(width)}  ${"status".padEnd(11)}  progress  tasks`;
  const text = rows.length ? [header, ...lines].join("\n").replace(/ +$/gm, "") : "no milestones in .milestones/";
  emit(io, { milestones: rows }, text);
  return rows.some((r) => r.problem !== null) ? EXIT.refused : EXIT.ok;
}

async function overviewRow(ctx: LocalContext, id: string): Promise<OverviewRow> {
  try {
    const handle = await MilestoneHandle.open(ctx, id, "status");
    const view = handle.view(ctx.clock.now());
    return {
      id,
      status: view.milestone.status,
      progress: view.milestone.progress,
      tasks: `${view.milestone.tasks_completed}/${view.milestone.tasks_total}`,
      blockers: view.blockers.map((b) => b.message),
      problem: view.log.problem,
    };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { id, status: "unreadable", progress: 0, tasks: "-", blockers: [], problem: message };
  }
}
