import { PHASE_ID_PATTERN, TASK_ID_PATTERN } from "../plan/plan-patterns.js";
import { parseDuration } from "../plan/parse-duration.js";
import { HIDDEN, readVisibleLines, type VisibleLine } from "../render/read-visible-lines.js";
import type { ParsedCommand, PlainVerb } from "./parsed-command.js";

export type { ParsedCommand } from "./parsed-command.js";

export interface ParseCommandOptions {
  /** The plan's task ids: `/approve x` names a task when `x` is one, else a phase. */
  taskIds?: readonly string[];
}

/**
 * A command opens its line after at most 3 spaces (4 make an indented code block in markdown) and
 * its verb ends at a space or the line's end, so `/usr/bin` and `see /approve` are not commands.
 */
const COMMAND = /^ {0,3}\/([A-Za-z][A-Za-z-]*)(?=\s|$)(.*)$/;
const PLAIN = new Set<string>(["unhold", "release", "activate", "resume", "status", "help", "scan", "sync"]);

/**
 * The commands in a comment, in order (product.md §6). Only text a reader sees counts
 * (readVisibleLines): code, quotes, HTML comments and blocks, `<pre>` and `<details>` are someone
 * quoting or hiding a command, not giving one. Verbs are case-insensitive.
 */
export function parseCommands(body: string, options: ParseCommandOptions = {}): ParsedCommand[] {
  const lines = readVisibleLines(body).map((l) => ({ ...l, text: l.paragraph ? l.text : "" }));
  const out: ParsedCommand[] = [];
  lines.forEach((l, i) => {
    const m = l.paragraph ? COMMAND.exec(l.text) : null;
    if (!m) return;
    const at = { line: shown(l.text).trim(), lineNumber: i + 1 };
    const verb = m[1]!.toLowerCase();
    const rest = shown(m[2]!).trim();
    out.push(readCommand(verb, rest, at, options, () => continuation(lines, i + 1)));
  });
  return out;
}

function readCommand(
  verb: string,
  rest: string,
  at: { line: string; lineNumber: number },
  options: ParseCommandOptions,
  more: () => string[],
): ParsedCommand {
  const words = rest.split(/\s+/).filter(Boolean);
  const invalid = (problem: string): ParsedCommand => ({ ...at, verb: "invalid", command: verb, problem });
  switch (verb) {
    case "approve": {
      const cancel = words[0]?.toLowerCase() === "cancel";
      const target = readTarget(cancel ? words.slice(1) : words, options);
      if (typeof target === "string") return invalid(target);
      return { ...at, verb: cancel ? "cancel-approval" : "approve", ...target };
    }
    case "explain": {
      const target = readTarget(words, options);
      if (typeof target === "string") return invalid(target);
      return { ...at, verb: "explain", ...target };
    }
    case "start": {
      const target = readTarget(words, options);
      if (typeof target === "string" || target.phase !== undefined)
        return invalid(typeof target === "string" ? target : `"${words[0]}" is not a task: \`/start [task]\``);
      return { ...at, verb: "start", ...(target.task !== undefined && { task: target.task }) };
    }
    case "reject": {
      const reason = [rest, ...more()].filter(Boolean).join("\n").trim();
      return reason ? { ...at, verb: "reject", reason } : invalid("a reason is required: `/reject <reason>`");
    }
    case "override-gate": {
      const reason = [rest, ...more()].filter(Boolean).join("\n").trim();
      return reason
        ? { ...at, verb: "override-gate", reason }
        : invalid("a reason is required: `/override-gate <reason>`; it is recorded in the milestone's log");
    }
    case "hold":
    case "pause":
      return rest ? { ...at, verb, reason: rest } : { ...at, verb };
    case "claim": {
      if (!words[0]) return { ...at, verb: "claim" };
      const ttlMs = parseDuration(words[0].toLowerCase());
      return ttlMs === undefined
        ? invalid(`"${words[0]}" is not a duration such as 30m, 4h or 2d (at most a year)`)
        : { ...at, verb: "claim", ttl: words[0].toLowerCase(), ttlMs };
    }
    default:
      return PLAIN.has(verb) ? { ...at, verb: verb as PlainVerb } : { ...at, verb: "unknown", command: verb };
  }
}

/** `[task] [phase]`: one word is a task when the plan has it (or, without the plan, holds a digit like `T1`, `AUTH-3`), else a phase. */
function readTarget(words: string[], options: ParseCommandOptions): { task?: string; phase?: string } | string {
  if (words.length > 2) return `expected at most a task and a phase, got "${words.join(" ")}"`;
  const [first, second] = words;
  if (first === undefined) return {};
  if (second !== undefined) {
    if (!TASK_ID_PATTERN.test(first)) return `"${first}" is not a task id`;
    if (!PHASE_ID_PATTERN.test(second.toLowerCase())) return `"${second}" is not a phase`;
    return { task: findTask(first, options) ?? first, phase: second.toLowerCase() };
  }
  const task = findTask(first, options);
  if (task) return { task };
  const looksLikeTask = options.taskIds === undefined && /\d/.test(first) && TASK_ID_PATTERN.test(first);
  if (looksLikeTask) return { task: first };
  return PHASE_ID_PATTERN.test(first.toLowerCase())
    ? { phase: first.toLowerCase() }
    : `"${first}" is neither a task nor a phase`;
}

function findTask(word: string, options: ParseCommandOptions): string | undefined {
  const ids = options.taskIds ?? [];
  return ids.find((id) => id === word) ?? ids.find((id) => id.toLowerCase() === word.toLowerCase());
}

/** Lines after a `/reject` that continue its reason: up to a line a reader does not see, a blank line or another command. */
function continuation(lines: VisibleLine[], from: number): string[] {
  const out: string[] = [];
  for (const l of lines.slice(from)) {
    const text = shown(l.text).trim();
    if (!l.paragraph || text === "" || COMMAND.test(l.text)) break;
    out.push(text);
  }
  return out;
}

/** The characters of a line a reader sees. */
function shown(text: string): string {
  return text.split(HIDDEN).join("");
}
