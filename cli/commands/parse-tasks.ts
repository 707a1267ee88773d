import { readdir, readFile, realpath } from "node:fs/promises";
import { basename, dirname, isAbsolute, relative, resolve, sep } from "node:path";
import { inferDependencies, parseTaskList, type TaskItem, type TaskList } from "../../core/index.js";
import { parseCommandArgs } from "../args.js";
import { runGit } from "../../local/git.js";
import { emit, EXIT, report } from "../output.js";
import { usage, type Command } from "./command.js";

const USAGE = "phasegate parse-tasks <file> [--json]";

/** The character each state is written with in a box. */
const STATE_CHAR = { todo: " ", in_progress: "-", partial: "~", done: "x" } as const;

export const parseTasksCommand: Command = {
  name: "parse-tasks",
  usage: USAGE,
  summary:
    "Show how Phasegate reads a task list (Kiro, cc-sdd, spec-workflow, Spec Kit): a tree of items with state, markers and dependencies, or JSON. Exit 1 when part of the file was probably misread.",
  async run(argv, io, env) {
    try {
      const args = parseCommandArgs(argv, {}, ["file"]);
      io.json = Boolean(args.values.json);
      if (args.values.help) return usage(io, USAGE, this.summary);
      const cwd = typeof args.values.C === "string" ? args.values.C : env.cwd;
      const given = args.positionals[0] as string;
      const absolute = resolve(cwd, given);
      const text = await readFile(absolute, "utf8").catch(() => undefined);
      if (text === undefined) {
        io.err(`phasegate parse-tasks: ${given}: no such file\n`);
        return EXIT.refused;
      }
      const path = await repositoryPath(cwd, absolute, given);
      const siblings = await readdir(dirname(absolute)).catch(() => []);
      const list = parseTaskList(text, { path, siblings });
      const inferred = inferDependencies(list);
      emit(io, { file: path, ...list, inferred }, renderTree(path, list, inferred.length));
      return list.warnings.some((w) => w.severity === "error") ? EXIT.refused : EXIT.ok;
    } catch (error) {
      return report(io, error);
    }
  },
};

/** The path the flavour hints expect (`.kiro/specs/…`, `.spec-workflow/…`): repository-relative when inside one. */
async function repositoryPath(cwd: string, absolute: string, given: string): Promise<string> {
  const top = await runGit(cwd, ["rev-parse", "--show-toplevel"]).catch(() => "");
  if (!top.trim()) return given.split(sep).join("/");
  const real = await realpath(absolute).catch(() => absolute);
  const inside = relative(top.trim(), real);
  return inside.startsWith("..") || isAbsolute(inside) ? given : inside.split(sep).join("/");
}

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
