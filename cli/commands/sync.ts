import { countSyncWrites, MilestoneHandle, renderSyncPreview, sync } from "../../core/index.js";
import { parseCommandArgs, parseCount } from "../args.js";
import { newSessionId } from "../local-context.js";
import { emit, EXIT, report } from "../output.js";
import { usage, type Command } from "./command.js";

const USAGE = "phasegate sync <milestone> [--repo owner/name] [--dry-run] [--max-writes N] [--json]";

/** Test hook: the fake GitHub's fetch. */
export const syncFetch: { fetch?: typeof fetch } = {};

export const syncCommand: Command = {
  name: "sync",
  usage: USAGE,
  summary:
    "Project the milestone onto GitHub: milestone, one issue per task, labels, sub-issues, blocked-by links, the dashboard. --dry-run prints what it would create, change and close.",
  async run(argv, io, env) {
    try {
      const args = parseCommandArgs(
        argv,
        { repo: { type: "string" }, "dry-run": { type: "boolean" }, "max-writes": { type: "string" } },
        ["milestone"],
      );
      io.json = Boolean(args.values.json);
      if (args.values.help) return usage(io, USAGE, this.summary);
      // Octokit and the GitHub adapter load only for this command: local commands start without them.
      const { openGitHubContext } = await import("../github-context.js");
      const { ctx, stats } = await openGitHubContext({
        cwd: typeof args.values.C === "string" ? args.values.C : env.cwd,
        session: typeof args.values.session === "string" ? args.values.session : newSessionId(new Date()),
        verbose: Boolean(args.values.verbose),
        env: env.env,
        ...(typeof args.values.repo === "string" && { repo: args.values.repo }),
        ...(typeof args.values.as === "string" && { actor: args.values.as }),
        ...(syncFetch.fetch && { fetch: syncFetch.fetch }),
      });
      const handle = await MilestoneHandle.open(ctx, args.positionals[0] as string, "sync");
      const dryRun = Boolean(args.values["dry-run"]);
      const maxWrites =
        typeof args.values["max-writes"] === "string" ? parseCount("max-writes", args.values["max-writes"]) : undefined;
      const report_ = await sync(ctx, handle, { dryRun, ...(maxWrites !== undefined && { maxWrites }) });
      const counts = countSyncWrites(report_.writes);
      const head = dryRun
        ? `${report_.writes.length} writes would be made: ${counts.create} to create, ${counts.change} to change, ${counts.close} to close`
        : report_.complete
          ? `synced ${handle.plan.id}: ${report_.writes.length} writes`
          : `partial: ${report_.writes.length} of ${report_.total} writes; run it again to finish`;
      const lines = renderSyncPreview(report_.writes).map((l) => `  ${l}\n`);
      const notes = report_.notes.map((n) => `note: ${n}\n`);
      emit(
        io,
        { ...report_, dryRun, counts, requests: { ...stats } },
        `${head}\n${dryRun || report_.writes.length <= 50 ? lines.join("") : ""}${notes.join("")}`,
      );
      return report_.complete ? EXIT.ok : EXIT.refused;
    } catch (error) {
      return report(io, error);
    }
  },
};
