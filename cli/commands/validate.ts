import { formatPlanIssue, validateFiles, type ValidatedFile } from "../../core/index.js";
import { markSymlinks } from "../../local/mark-symlinks.js";
import { emit, EXIT } from "../output.js";
import { getPlanFiles } from "../get-plan-files.js";
import { plainCommand } from "./command.js";

export const validateCommand = plainCommand({
  name: "validate",
  usage: "phasegate validate [files or folders…] [--json]",
  summary:
    "Validate plan files (default: .milestones/, .milestones/active/, .milestones/completed/). Errors as file:line:column; exit 1 if any.",
  variadic: true,
  async run({ args, io, cwd }) {
    const { repo, files, shown } = await getPlanFiles(cwd, args.positionals, { symlinks: true });
    // The check the Action and the App run too: symlinked and ambiguous plans refused, as `status`
    // refuses them; and the settings file, whose settings change every plan's decisions.
    const {
      files: results,
      plans,
      failedPlans,
      settingsFailed,
    } = await validateFiles(markSymlinks(repo), files, {
      shown,
    });
    for (const r of results) for (const issue of r.issues) io.err(formatPlanIssue(issue) + "\n");
    const failed = failedPlans.length;
    const what = (r: ValidatedFile) => (r.settings ? " (settings)" : ` (${r.tasks} tasks)`);
    const lines = results.map((r) => `${r.ok ? "ok  " : "FAIL"} ${r.file}${r.ok ? what(r) : ""}`);
    if (files.length === 0) lines.push("no plan files found (looked in .milestones/)");
    emit(
      io,
      { ok: failed === 0 && !settingsFailed, files: results },
      lines.join("\n") + `\n${plans - failed}/${plans} plans valid\n`,
    );
    return failed > 0 || settingsFailed ? EXIT.refused : EXIT.ok;
  },
});
