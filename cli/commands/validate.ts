import { checkPlanFiles, checkRepositorySettings, formatPlanIssue, type PlanIssue } from "../../core/index.js";
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
    // The check the Action and the App run too: symlinked and ambiguous plans refused, as `status` refuses them.
    const checks = await checkPlanFiles(markSymlinks(repo), files, { shown });
    const results: {
      file: string;
      ok: boolean;
      tasks: number;
      issues: PlanIssue[];
      settings?: true;
    }[] = checks.map((check) => ({
      file: shown(check.path),
      ok: Boolean(check.plan),
      tasks: check.plan?.tasks.length ?? 0,
      issues: check.issues,
    }));
    // The repository's settings change every plan's decisions: an invalid file stops them all.
    const settings = await checkRepositorySettings(repo, shown);
    if (settings) results.push({ ...settings, tasks: 0, settings: true });
    for (const r of results) for (const issue of r.issues) io.err(formatPlanIssue(issue) + "\n");
    const failed = results.filter((r) => !r.ok && !r.settings).length;
    const settingsFailed = results.some((r) => r.settings && !r.ok);
    const what = (r: (typeof results)[number]) => (r.settings ? " (settings)" : ` (${r.tasks} tasks)`);
    const lines = results.map((r) => `${r.ok ? "ok  " : "FAIL"} ${r.file}${r.ok ? what(r) : ""}`);
    if (files.length === 0) lines.push("no plan files found (looked in .milestones/)");
    emit(
      io,
      { ok: failed === 0 && !settingsFailed, files: results },
      lines.join("\n") + `\n${files.length - failed}/${files.length} plans valid\n`,
    );
    return failed > 0 || settingsFailed ? EXIT.refused : EXIT.ok;
  },
});
