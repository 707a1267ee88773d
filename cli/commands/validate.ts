import { formatPlanIssue, milestoneIdOf, parsePlan, type PlanIssue } from "../../core/index.js";
import { parseCommandArgs } from "../args.js";
import { runGit } from "../../local/git.js";
import { emit, EXIT, report } from "../output.js";
import { expandPlanArgs, readText } from "../plan-files.js";
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
      const root = (await runGit(cwd, ["rev-parse", "--show-toplevel"]).catch(() => cwd)).trim();
      const files = await expandPlanArgs(cwd, root, args.positionals);
      const known = [
        ...new Set([...(await expandPlanArgs(cwd, root, [])).map(milestoneIdOf), ...files.map(milestoneIdOf)]),
      ];
      const results: { file: string; ok: boolean; tasks: number; issues: PlanIssue[] }[] = [];
      for (const file of files) {
        const { plan, issues } = parsePlan(await readText(cwd, file), file, { knownMilestones: known });
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
      if (error instanceof Error && /no such file or folder/.test(error.message)) {
        io.err(`phasegate validate: ${error.message}\n`);
        return EXIT.refused;
      }
      return report(io, error);
    }
  },
};
