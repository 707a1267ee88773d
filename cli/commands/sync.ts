import { countSyncWrites, MilestoneHandle, renderSyncReport, sync } from "../../core/index.js";
import { parseCount } from "../args.js";
import { newSessionId } from "../local-context.js";
import { emit, EXIT } from "../output.js";
import { plainCommand } from "./command.js";
import { createProgressBar } from "../progress-bar.js";

const USAGE = "phasegate sync <milestone> [--repo owner/name] [--dry-run] [--max-writes N] [--json]";

export const syncCommand = plainCommand({
  name: "sync",
  usage: USAGE,
  summary:
    "Project the milestone onto GitHub: milestone, one issue per task, labels, sub-issues, blocked-by links, the dashboard. --dry-run prints what it would create, change and close.",
  args: ["milestone"],
  options: { repo: { type: "string" }, "dry-run": { type: "boolean" }, "max-writes": { type: "string" } },
  outsideRepository: true,
  async run({ args, io, env, cwd }) {
    // Octokit and the GitHub adapter load only for this command: local commands start without them.
    const { openGitHubContext } = await import("../github-context.js");
    const progress = createProgressBar(io);
    const { ctx, stats } = await openGitHubContext({
      ...(progress && { progress }),
      writeErr: (text) => io.err(text),
      cwd,
      session: typeof args.values.session === "string" ? args.values.session : newSessionId(new Date()),
      verbose: Boolean(args.values.verbose),
      env: env.env,
      ...(typeof args.values.repo === "string" && { repo: args.values.repo }),
      ...(typeof args.values.as === "string" && { actor: args.values.as }),
      ...(env.fetch && { fetch: env.fetch }),
    });
    const handle = await MilestoneHandle.open(ctx, args.positionals[0] as string, "sync");
    for (const notice of handle.notices) io.err(`phasegate: note: ${notice}\n`);
    const dryRun = Boolean(args.values["dry-run"]);
    const max = args.values["max-writes"];
    const maxWrites = typeof max === "string" ? parseCount("max-writes", max) : undefined;
    const report = await sync(ctx, handle, { dryRun, ...(maxWrites !== undefined && { maxWrites }) }).finally(() =>
      progress?.end(),
    );
    const counts = countSyncWrites(report.writes);
    emit(io, { ...report, dryRun, counts, requests: { ...stats } }, renderSyncReport(report, { dryRun }));
    return report.complete ? EXIT.ok : EXIT.refused;
  },
});
