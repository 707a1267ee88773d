import { traceRequirements, type Trace } from "../../core/index.js";
import { LocalRepo } from "../../local/local-repo.js";
import { resolveRepoPath } from "../../local/plan-paths.js";
import { CommandFailed, emit, EXIT } from "../output.js";
import { plainCommand } from "./command.js";

const USAGE = "phasegate trace <spec folder> [--json]";
const REQUIREMENT_FILES = ["requirements.md", "spec.md"];

export const traceCommand = plainCommand({
  name: "trace",
  usage: USAGE,
  summary:
    "Show which tasks cover which requirements in a spec folder: tasks.md's references (`_Requirements: 1.2_`, FR-001, SC-002, [US1]) resolved against requirements.md / spec.md, every requirement no task covers, and unknown references at their line.",
  args: ["spec folder"],
  outsideRepository: true,
  async run({ args, io, cwd }) {
    const given = args.positionals[0] as string;
    // Confined like every path a command reads (as parse-tasks and import): inside the repository.
    const repo = await LocalRepo.open(cwd);
    const found = await resolveRepoPath(repo, cwd, given);
    if (found.kind !== "folder") throw new Error(`${given}: not a folder; name the spec folder that holds tasks.md`);
    const inRepo = found.path === "" ? "" : `${found.path}/`;
    const read = async (name: string) => (await repo.read(`${inRepo}${name}`))?.text;
    const folder = given.replace(/\/+$/, ""); // shown as the user named it
    const tasks = await read("tasks.md");
    if (tasks === undefined) throw new CommandFailed("trace", "failed", `${folder}: no tasks.md`);
    const requirements: { path: string; text: string }[] = [];
    for (const name of REQUIREMENT_FILES) {
      const text = await read(name);
      if (text !== undefined) requirements.push({ path: `${folder}/${name}`, text });
    }
    const trace = traceRequirements({ tasks: { path: `${folder}/tasks.md`, text: tasks }, requirements });
    const files = requirements.map((r) => r.path);
    emit(io, { folder, files, ...trace }, renderTrace(folder, trace, files));
    return EXIT.ok;
  },
});

/** A summary line, the matrix (one row per requirement), the uncovered ones, then the warnings as `file:line:`. */
export function renderTrace(folder: string, trace: Trace, files: string[]): string {
  const resolved = trace.references.filter((r) => r.resolved.length > 0).length;
  const covered = trace.rows.length - trace.uncovered.length;
  const lines = [
    `${folder}: ${trace.references.length} references in tasks.md, ${resolved} resolve; ${covered} of ${trace.rows.length} requirements covered${files.length === 0 ? " (no requirements.md or spec.md)" : ""}`,
  ];
  const width = Math.min(40, Math.max(0, ...trace.rows.map((r) => label(r).length)));
  for (const row of trace.rows) {
    const tasks = row.tasks.length > 0 ? row.tasks.join(", ") : "—";
    lines.push(`  ${label(row).padEnd(width)}  ${tasks}`);
  }
  if (trace.uncovered.length > 0) lines.push(`not covered by any task: ${trace.uncovered.join(", ")}`);
  for (const w of trace.warnings) lines.push(`${folder}/tasks.md:${w.line}: warning: ${w.message}`);
  return lines.join("\n") + "\n";
}

function label(row: Trace["rows"][number]): string {
  const text = `${row.id} ${row.title}`.trim();
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
