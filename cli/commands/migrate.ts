import { rename, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { formatPlanIssue, parsePlan } from "../../core/index.js";
import { migratePlan } from "../../core/plan/migrate-plan.js";
import { parseCommandArgs } from "../args.js";
import { runGit } from "../../local/git.js";
import { emit, EXIT, report } from "../output.js";
import { expandPlanArgs, readText } from "../plan-files.js";
import { usage, type Command } from "./command.js";

const USAGE = "phasegate migrate [files or folders…] [--dry-run] [--json]";

export const migrateCommand: Command = {
  name: "migrate",
  usage: USAGE,
  summary:
    "Make plans in the original protocol's shape compliant (version: 1, kiro_workflow.enabled on every task), keeping comments. Idempotent.",
  async run(argv, io, env) {
    try {
      const args = parseCommandArgs(argv, { "dry-run": { type: "boolean" } }, [], [], true);
      io.json = Boolean(args.values.json);
      if (args.values.help) return usage(io, USAGE, this.summary);
      const cwd = typeof args.values.C === "string" ? args.values.C : env.cwd;
      const root = (await runGit(cwd, ["rev-parse", "--show-toplevel"]).catch(() => cwd)).trim();
      const results = [];
      let failed = 0;
      for (const file of await expandPlanArgs(cwd, root, args.positionals)) {
        const before = await readText(cwd, file);
        const { text, changed } = migratePlan(before, file);
        const { plan, issues } = parsePlan(text, file);
        const errors = issues.filter((i) => i.severity === "error");
        for (const issue of errors) io.err(formatPlanIssue(issue) + "\n");
        // A file that still does not validate is left exactly as it was.
        const write = changed.length > 0 && Boolean(plan) && !args.values["dry-run"];
        if (write) await writeAtomic(resolve(cwd, file), text);
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
    } catch (error) {
      return report(io, error);
    }
  },
};

async function writeAtomic(path: string, text: string): Promise<void> {
  const temp = `${path}.phasegate-${process.pid}.tmp`;
  await writeFile(temp, text);
  await rename(temp, path);
}
