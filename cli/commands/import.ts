import { ImportSpecError, importPlan, importSpecsPlan, PlanExists } from "../../core/index.js";
import { LocalRepo } from "../../local/local-repo.js";
import { emit, EXIT, CommandFailed } from "../output.js";
import { createProgressBar } from "../progress-bar.js";
import { getSpecFolders, ImportRefused } from "../get-spec-folders.js";
import { plainCommand } from "./command.js";

const USAGE =
  "phasegate import <spec folder | folder of spec folders> [--id ID] [--approver LOGIN …] [--pending-only] [--write] [--json]";

export const importCommand = plainCommand({
  name: "import",
  usage: USAGE,
  summary:
    "Turn a spec folder (Kiro, cc-sdd, spec-workflow, Spec Kit) into a milestone plan: one gated task per task-list item. Prints the YAML; --write saves .milestones/<id>.yaml (never overwrites).",
  args: ["spec folder"],
  options: {
    id: { type: "string" },
    approver: { type: "string", multiple: true },
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
