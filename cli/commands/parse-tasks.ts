import { basename } from "node:path";
import { inferDependencies, parseTaskList, type TaskItem, type TaskList } from "../../core/index.js";
import { LocalRepo } from "../../local/local-repo.js";
import { MissingPath, resolveRepoPath } from "../../local/plan-paths.js";
import { CommandFailed, emit, EXIT } from "../output.js";
import { plainCommand } from "./command.js";

const USAGE = "phasegate parse-tasks <file> [--json]";

/** The character each state is written with in a box. */
const STATE_CHAR = { todo: " ", in_progress: "-", partial: "~", done: "x" } as const;

export const parseTasksCommand = plainCommand({
  name: "parse-tasks",
  usage: USAGE,
  summary:
    "Show how Phasegate reads a task list (Kiro, cc-sdd, spec-workflow, Spec Kit): a tree of items with state, markers and dependencies, or JSON. Exit 1 when part of the file was probably misread.",
  args: ["file"],
  outsideRepository: true,
  async run({ args, io, cwd }) {
    const given = args.positionals[0] as string;
    // Confined like every path a command reads: inside the repository, regular files only.
    const repo = await LocalRepo.open(cwd);
    const found = await resolveRepoPath(repo, cwd, given).catch((error: unknown) => {
      if (error instanceof MissingPath) return undefined;
      throw error;
    });
    if (found?.kind === "folder") throw new Error(`${given}: a folder; name the task list file (tasks.md)`);
    const file = found && (await repo.read(found.path));
    if (!found || !file) throw new CommandFailed("parse-tasks", "failed", `${given}: no such file`);
    const { path, text } = file;
    const siblings = (await repo.list(path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : ".")).map((sibling) =>
      sibling.slice(sibling.lastIndexOf("/") + 1),
    );
    const list = parseTaskList(text, { path, siblings });
    const inferred = inferDependencies(list);
    emit(io, { file: path, ...list, inferred }, renderTree(path, list, inferred.length));
    return list.warnings.some((w) => w.severity === "error") ? EXIT.refused : EXIT.ok;
  },
});

function renderTree(path: string, list: TaskList, inferred: number): string {
  const top = list.items.filter((i) => i.parent === undefined).length;
  const depth = new Map<string, number>();
  const lines = [
    `${basename(path)}: ${list.flavour}, ${list.items.length} items (${top} top-level), ${list.criteria.length} loose criteria`,
  ];
  for (const item of list.items) {
    const level = item.parent === undefined ? 0 : (depth.get(item.parent) ?? 0) + 1;
    depth.set(item.id, level);
    lines.push(`${"  ".repeat(level)}${renderItem(item)}`);
  }
  if (inferred > 0) lines.push(`${inferred} inferred dependencies (Spec Kit phase and sequence order; see --json)`);
  for (const w of list.warnings) lines.push(`${path}:${w.line}: ${w.severity}: ${w.message}`);
  return lines.join("\n") + "\n";
}

/** `[x] 2.1 * [P] Title (US1) ← 1.3, 1.4`: state, id, optional and parallel markers, title, story, dependencies. */
function renderItem(item: TaskItem): string {
  // A box shows its character as written; a derived state (heading task, synthetic parent) is in parentheses.
  const box = item.rawState ? `[${item.rawState}]` : `(${STATE_CHAR[item.state]})`;
  const marks = [item.optional ? "*" : "", item.parallel ? "[P]" : "", item.skipped ? "(skipped)" : ""].filter(Boolean);
  const story = item.story ? ` (${item.story})` : "";
  const deps = item.dependencies.length > 0 ? ` ← ${item.dependencies.join(", ")}` : "";
  return [box, item.id, ...marks, `${item.title}${story}${deps}`].join(" ");
}
