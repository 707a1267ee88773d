import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { ImportSpecError, importPlan, importSpecsPlan, PlanExists } from "../../core/index.js";
import { LocalRepo } from "../../local/local-repo.js";
import { MissingPath, resolveRepoPath } from "../../local/plan-paths.js";
import { parseCommandArgs, folderOf } from "../args.js";
import { emit, EXIT, report, type Io } from "../output.js";
import { createProgressBar } from "../progress-bar.js";
import { usage, type Command } from "./command.js";

const USAGE =
  "phasegate import <spec folder | folder of spec folders> [--id ID] [--approver LOGIN …] [--pending-only] [--write] [--json]";

/** The folder or the target plan file is not what the command needs; nothing was written. */
export class ImportRefused extends Error {
  override name = "ImportRefused";
}

export const importCommand: Command = {
  name: "import",
  usage: USAGE,
  summary:
    "Turn a spec folder (Kiro, cc-sdd, spec-workflow, Spec Kit) into a milestone plan: one gated task per task-list item. Prints the YAML; --write saves .milestones/<id>.yaml (never overwrites).",
  async run(argv, io, env) {
    try {
      const args = parseCommandArgs(
        argv,
        {
          id: { type: "string" },
          approver: { type: "string", multiple: true },
          "pending-only": { type: "boolean" },
          write: { type: "boolean" },
        },
        ["spec folder"],
      );
      io.json = Boolean(args.values.json);
      if (args.values.help) return usage(io, USAGE, this.summary);
      const cwd = folderOf(args, env);
      const repo = await LocalRepo.open(cwd);
      const approvers = args.values.approver as unknown as string[] | undefined;
      const { folder, specs } = await findSpecFolders(repo, cwd, args.positionals[0] as string);
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
    } catch (error) {
      if (error instanceof PlanExists) {
        return refuse(io, `${error.path} already exists; pass --id to import under another id, or remove it first`);
      }
      if (error instanceof ImportSpecError || error instanceof ImportRefused) return refuse(io, error.message);
      return report(io, error);
    }
  },
};

/**
 * The spec folder the user named (relative to `cwd`, confined to the repository), and its spec
 * sub-folders when it has no tasks.md of its own (a folder of specs); [] for one spec folder.
 */
export async function findSpecFolders(
  repo: LocalRepo,
  cwd: string,
  given: string,
): Promise<{ folder: string; specs: string[] }> {
  const found = await resolveRepoPath(repo, cwd, given).catch((error: unknown) => {
    throw error instanceof MissingPath ? new ImportRefused(`${given}: no such folder`) : error;
  });
  if (found.kind !== "folder") throw new ImportRefused(`${given}: no such folder (it is a file)`);
  const folder = found.path;
  const specs = (await repo.read(folder === "" ? "tasks.md" : `${folder}/tasks.md`))
    ? []
    : await subfolders(join(repo.root, folder));
  return { folder, specs };
}

/** Sub-folders of `dir` (the spec folders of a specs folder), sorted; hidden ones left out. */
async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}

function refuse(io: Io, message: string): number {
  io.err(`phasegate import: ${message}\n`);
  if (io.json) io.out(JSON.stringify({ ok: false, error: "import_failed", message }, null, 2) + "\n");
  return EXIT.refused;
}
