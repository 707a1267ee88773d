import { formatPlanIssue, listPlanFiles, milestoneIdOf, parsePlan, type PlanIssue } from "../../core/index.js";
import { parseCommandArgs } from "../args.js";
import { emit, EXIT, report } from "../output.js";
import { findPlanFiles } from "../plan-files.js";
import { usage, type Command } from "./command.js";

const USAGE = "phasegate validate [files or folders…] [--json]";

export const validateCommand: Command = {
  name: "validate",
  usage: USAGE,
  summary:
    "Validate plan files (default: .milestones/, .milestones/active/, .milestones/completed/). Errors as file:line:column; exit 1 if any.",
  async run(argv, io, env) {
    try {
      const args = parseCommandArgs(argv, {}, [], [], true);
      io.json = Boolean(args.values.json);
      if (args.values.help) return usage(io, USAGE, this.summary);
      const cwd = typeof args.values.C === "string" ? args.values.C : env.cwd;
      const { repo, files, shown } = await findPlanFiles(cwd, args.positionals);
      // Milestone dependencies may name any plan in the repository, not only the ones validated now.
      const known = [...new Set([...(await listPlanFiles(repo)), ...files].map(milestoneIdOf))];
      const results: { file: string; ok: boolean; tasks: number; issues: PlanIssue[] }[] = [];
      for (const path of files) {
        const file = shown(path);
        const { plan, issues } = parsePlan((await repo.read(path))?.text ?? "", file, { knownMilestones: known });
        results.push({ file, ok: Boolean(plan), tasks: plan?.tasks.length ?? 0, issues });
      }
      for (const r of results) for (const issue of r.issues) io.err(formatPlanIssue(issue) + "\n");
      const failed = results.filter((r) => !r.ok).length;
      const lines = results.map((r) => `${r.ok ? "ok  " : "FAIL"} ${r.file}${r.ok ? ` (${r.tasks} tasks)` : ""}`);
      if (files.length === 0) lines.push("no plan files found (looked in .milestones/)");
      emit(
        io,
        { ok: failed === 0, files: results },
        lines.join("\n") + `\n${files.length - failed}/${files.length} plans valid\n`,
      );
      return failed > 0 ? EXIT.refused : EXIT.ok;
    } catch (error) {
      return report(io, error);
    }
  },
};
