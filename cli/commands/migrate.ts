import { formatPlanIssue, migratePlan, parsePlan } from "../../core/index.js";
import { emit, EXIT } from "../output.js";
import { getPlanFiles } from "../get-plan-files.js";
import { refuseSymlinkedPlan } from "../../local/plan-paths.js";
import { plainCommand } from "./command.js";

export const migrateCommand = plainCommand({
  name: "migrate",
  usage: "phasegate migrate [files or folders…] [--dry-run] [--json]",
  summary:
    "Make plans in the original protocol's shape compliant (version: 1, kiro_workflow.enabled on every task), keeping comments. Idempotent.",
  variadic: true,
  options: { "dry-run": { type: "boolean" } },
  // Rewrites plan files, never a log: no merge driver (ADR 20).
  outsideRepository: true,
  async run({ args, io, cwd }) {
    const { repo, files, shown } = await getPlanFiles(cwd, args.positionals);
    const results = [];
    let failed = 0;
    for (const path of files) {
      const file = shown(path);
      // Writing would replace the link with a file: refused, as validate and status refuse it.
      const refusal = await refuseSymlinkedPlan(repo, path).then(
        () => undefined,
        (error: Error) => error.message,
      );
      if (refusal !== undefined) {
        io.err(`phasegate migrate: ${refusal}\n`);
        failed++;
        results.push({ file, changed: [], written: false, valid: false });
        continue;
      }
      const before = (await repo.read(path))?.text ?? "";
      const { text, changed } = migratePlan(before, file);
      const { plan, issues } = parsePlan(text, file);
      const errors = issues.filter((i) => i.severity === "error");
      for (const issue of errors) io.err(formatPlanIssue(issue) + "\n");
      // A file that still does not validate is left exactly as it was.
      const write = changed.length > 0 && Boolean(plan) && !args.values["dry-run"];
      if (write) await repo.writeFile(path, text);
      if (!plan) failed++;
      results.push({ file, changed, written: write, valid: Boolean(plan) });
    }
    const lines = results.map((r) =>
      !r.valid
        ? `FAIL ${r.file}: still invalid, not written`
        : r.changed.length === 0
          ? `ok   ${r.file}: already compliant`
          : `${r.written ? "done" : "would"} ${r.file}: ${r.changed.join("; ")}`,
    );
    emit(io, { ok: failed === 0, files: results }, lines.join("\n") || "no plan files found");
    return failed > 0 ? EXIT.refused : EXIT.ok;
  },
});
