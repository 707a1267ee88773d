import { ImportSpecError, importPlan, importSpecsPlan, PlanExists } from "../../core/index.js";
import { LocalRepo } from "../../local/local-repo.js";
import { emit, EXIT, CommandFailed, UsageError } from "../output.js";
import { createProgressBar } from "../progress-bar.js";
import { getSpecFolders, ImportRefused } from "../get-spec-folders.js";
import { plainCommand } from "./command.js";

const USAGE =
  "phasegate import <spec folder | folder of spec folders> [--id ID] [--approver LOGIN|@ORG/TEAM …] [--approvals N] [--pending-only] [--write] [--json]";

export const importCommand = plainCommand({
  name: "import",
  usage: USAGE,
  summary:
    "Turn a spec folder (Kiro, cc-sdd, spec-workflow, Spec Kit) into a milestone plan: one gated task per task-list item. Prints the YAML; --write saves .milestones/<id>.yaml (never overwrites). --approver (repeatable) names a login or an @org/team: alone it writes `approvers` (one approval from any of them); with --approvals N it writes the rule `approval: [{ count: N, from: [...] }]` (N approvals from them, or from anyone with write access when no --approver is given).",
  args: ["spec folder"],
  options: {
    id: { type: "string" },
    approver: { type: "string", multiple: true },
    approvals: { type: "string" },
    "pending-only": { type: "boolean" },
    write: { type: "boolean" },
  },
  // Writes a plan file at most, never a log: no merge driver (ADR 20).
  outsideRepository: true,
  failure(error) {
    const fail = (message: string) => new CommandFailed("import", "import_failed", message);
    if (error instanceof PlanExists)
      return fail(`${error.path} already exists; pass --id to import under another id, or remove it first`);
    if (error instanceof ImportSpecError || error instanceof ImportRefused) return fail(error.message);
    return undefined;
  },
  async run({ args, io, cwd }) {
    const repo = await LocalRepo.open(cwd);
    const approvers = args.values.approver as unknown as string[] | undefined;
    const approvals = countOf(args.values.approvals);
    const { folder, specs } = await getSpecFolders(repo, cwd, args.positionals[0] as string);
    if (specs.length > 0) {
      if (args.values["pending-only"])
        throw new ImportRefused("--pending-only is for one spec folder, not a folder of specs");
      const progress = createProgressBar(io);
      const result = await importSpecsPlan(
        repo,
        {
          folder,
          specs,
          write: Boolean(args.values.write),
          ...(typeof args.values.id === "string" && { id: args.values.id }),
          ...(approvers && { approvers }),
          ...(approvals !== undefined && { approvals }),
        },
        progress,
      ).finally(() => progress?.end());
      for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
      const { planFile: file, added } = result;
      const what =
        added === undefined
          ? `${result.taskCount} specs from ${folder}`
          : added.length > 0
            ? `added ${added.join(", ")}`
            : "";
      const text = !args.values.write
        ? result.yaml
        : result.written
          ? `wrote ${file}: ${what}\nnext: phasegate validate, commit ${file} on the default branch, then phasegate execute ${result.id} and phasegate status ${result.id}\n`
          : `${file} is up to date: every spec in ${folder} has a task\n`;
      const { yaml, ...rest } = result;
      emit(io, { ok: true, ...rest, file, yaml }, text);
      return EXIT.ok;
    }
    const result = await importPlan(repo, {
      folder,
      write: Boolean(args.values.write),
      ...(typeof args.values.id === "string" && { id: args.values.id }),
      ...(approvers && { approvers }),
      ...(approvals !== undefined && { approvals }),
      pendingOnly: Boolean(args.values["pending-only"]),
    });
    const file = result.planFile;
    for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
    const summary = { ok: true, id: result.id, flavour: result.flavour, tasks: result.taskCount };
    const next = `next: phasegate validate, commit ${file} on the default branch, then phasegate execute ${result.id}`;
    emit(
      io,
      { ...summary, file, written: Boolean(args.values.write), warnings: result.warnings, yaml: result.yaml },
      args.values.write
        ? `wrote ${file}: ${result.taskCount} tasks from ${folder}/tasks.md (${result.flavour})\n${next}\n`
        : result.yaml,
    );
    return EXIT.ok;
  },
});

/** `--approvals N`: a whole number (the range is the import's to check), or a usage error. */
function countOf(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !/^[0-9]{1,3}$/.test(value)) {
    throw new UsageError(`--approvals takes a whole number of approvals, not "${String(value)}"`);
  }
  return Number(value);
}
