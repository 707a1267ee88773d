import {
  findAmbiguousPlans,
  formatPlanIssue,
  listPlanFiles,
  milestoneIdOf,
  parsePlan,
  parseRepositorySettings,
  SETTINGS_PATH,
  type PlanIssue,
} from "../../core/index.js";
import { refuseSymlinkedPlan } from "../../local/plan-paths.js";
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
    // Milestone dependencies may name any plan in the repository, not only the ones validated now.
    const everyPlan = [...new Set([...(await listPlanFiles(repo)), ...files])];
    const known = [...new Set(everyPlan.map(milestoneIdOf))];
    // Refused as `status` refuses them, in the same words: several files for one id, a symlinked plan.
    const ambiguous = findAmbiguousPlans(everyPlan).filter((a) => a.paths.some((p) => files.includes(p)));
    const results: {
      file: string;
      ok: boolean;
      tasks: number;
      issues: PlanIssue[];
      error?: string;
      settings?: true;
    }[] = [];
    for (const path of files) {
      const file = shown(path);
      const refusal =
        ambiguous.find((a) => a.paths.includes(path))?.message ??
        (await refuseSymlinkedPlan(repo, path).then(
          () => undefined,
          (error: Error) => error.message,
        ));
      if (refusal !== undefined) {
        results.push({ file, ok: false, tasks: 0, issues: [], error: refusal });
        continue;
      }
      const { plan, issues } = parsePlan((await repo.read(path))?.text ?? "", file, { knownMilestones: known });
      results.push({ file, ok: Boolean(plan), tasks: plan?.tasks.length ?? 0, issues });
    }
    // The repository's settings change every plan's decisions: an invalid file stops them all.
    const settings = await repo.read(SETTINGS_PATH);
    if (settings) {
      const { settings: ok, issues } = parseRepositorySettings(settings.text, shown(SETTINGS_PATH));
      results.push({ file: shown(SETTINGS_PATH), ok: Boolean(ok), tasks: 0, issues, settings: true });
    }
    for (const error of new Set(results.map((r) => r.error))) if (error) io.err(`phasegate validate: ${error}\n`);
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
