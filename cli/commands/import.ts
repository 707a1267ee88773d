import { mkdir, readFile, realpath, stat, writeFile } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { formatPlanIssue, parsePlan, PLAN_DIRS } from "../../core/index.js";
import { importSpec, ImportSpecError } from "../../core/interop/import-spec.js";
import { parseCommandArgs } from "../args.js";
import { confinePath } from "../../local/confine-path.js";
import { runGit } from "../../local/git.js";
import { emit, EXIT, report, type Io } from "../output.js";
import { usage, type Command } from "./command.js";

const USAGE = "phasegate import <spec folder> [--id ID] [--approver LOGIN …] [--pending-only] [--write] [--json]";
/** What `importSpec` reads from a spec folder; `spec.json` also tells cc-sdd apart. */
const SPEC_FILES = ["tasks.md", "spec.json", "requirements.md", "design.md", "spec.md", "plan.md"];

/** The folder or the target plan file is not what the command needs; nothing was written. */
class ImportRefused extends Error {
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
      const cwd = typeof args.values.C === "string" ? args.values.C : env.cwd;
      const root = await realpath((await runGit(cwd, ["rev-parse", "--show-toplevel"]).catch(() => cwd)).trim());
      const folder = await locateFolder(root, cwd, args.positionals[0] as string);
      const approvers = args.values.approver as unknown as string[] | undefined;
      const result = importSpec({
        folder,
        files: await readSpecFiles(root, folder),
        ...(typeof args.values.id === "string" && { id: args.values.id }),
        ...(approvers && { approvers }),
        pendingOnly: Boolean(args.values["pending-only"]),
      });
      const file = `${PLAN_DIRS[0]}/${result.id}.yaml`;
      const { plan, issues } = parsePlan(result.yaml, file);
      if (!plan) {
        for (const issue of issues) io.err(formatPlanIssue(issue) + "\n");
        io.err(
          "phasegate import: the imported plan does not validate; this is a bug, please report it with the folder\n",
        );
        return EXIT.refused;
      }
      for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
      if (args.values.write) await writePlan(root, result.id, result.yaml);
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
      if (error instanceof ImportSpecError || error instanceof ImportRefused) return refuse(io, error.message);
      return report(io, error);
    }
  },
};

function refuse(io: Io, message: string): number {
  io.err(`phasegate import: ${message}\n`);
  if (io.json) io.out(JSON.stringify({ ok: false, error: "import_failed", message }, null, 2) + "\n");
  return EXIT.refused;
}

/** The folder as a repository-relative path; given relative to cwd, it must stay inside the repository. */
async function locateFolder(root: string, cwd: string, given: string): Promise<string> {
  const absolute = resolve(await realpath(cwd).catch(() => cwd), given);
  const confined = await confinePath(root, relative(root, absolute).split(sep).join("/"), { allowRoot: true });
  const info = await stat(confined.absolute).catch(() => undefined);
  if (!info?.isDirectory()) throw new ImportRefused(`${given}: no such folder`);
  return confined.relative;
}

async function readSpecFiles(root: string, folder: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const name of SPEC_FILES) {
    // Each file is confined too: a symlinked tasks.md must not read outside the repository.
    const { absolute } = await confinePath(root, folder ? `${folder}/${name}` : name);
    const text = await readFile(absolute, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (error.code === "ENOENT") return undefined;
      throw error;
    });
    if (text !== undefined) files[name] = text;
  }
  return files;
}

/** Never overwrites: a plan with this id anywhere in the plan folders is refused. */
async function writePlan(root: string, id: string, yaml: string): Promise<void> {
  for (const dir of PLAN_DIRS) {
    for (const ext of [".yaml", ".yml"]) {
      const { absolute, relative: path } = await confinePath(root, `${dir}/${id}${ext}`);
      if (await stat(absolute).catch(() => undefined)) {
        throw new ImportRefused(`${path} already exists; pass --id to import under another id, or remove it first`);
      }
    }
  }
  const { absolute } = await confinePath(root, `${PLAN_DIRS[0]}/${id}.yaml`);
  await mkdir(dirname(absolute), { recursive: true });
  await writeFile(absolute, yaml, { flag: "wx" });
}
