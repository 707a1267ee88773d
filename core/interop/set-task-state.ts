import { computeDoneChar } from "./compute-done-char.js";
import { classifyLine, FRONT_MATTER_MAX, markHidden, scanLines, splitLines, type HiddenReason } from "./scan-lines.js";
import type { TaskItemState } from "./task-item.js";

/** Thrown when the line asked for holds no state box; names the line so a person can look. */
export class TaskLineError extends Error {
  readonly line: number;
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
    this.name = "TaskLineError";
    this.line = line;
  }
}

const CHAR: Record<Exclude<TaskItemState, "done">, string> = { todo: " ", in_progress: "-", partial: "~" };

/**
 * Change the state character inside `[ ]` on one line and nothing else (FORMATS §6.6): CRLF, trailing
 * spaces, the `*` after `]`, and the presence of a final newline all stay byte-for-byte. Done is written
 * as the file's own convention (`X` when it already uses `[X]` predominantly, else `x`); an item already
 * done keeps its character. Works on list items, `### - [x] …` headings and `**Status**: [ ]` fields.
 */
export function setTaskState(text: string, line: number, state: TaskItemState): string {
  if (!Number.isInteger(line) || line < 1) throw new TaskLineError(line, "line numbers start at 1");
  const { bodies } = splitLines(text);
  const body = bodies[line - 1];
  if (body === undefined) throw new TaskLineError(line, `the file has only ${bodies.length} lines`);
  // Visibility depends only on the lines above (and front matter on the first few), so stop scanning there.
  const why = markHidden(bodies, Math.max(line, FRONT_MATTER_MAX)).hidden[line - 1];
  if (why) throw new TaskLineError(line, `the checkbox is inside ${hiddenWhere(why)}, not a task`);
  const scanned = classifyLine(line, body);
  const box =
    scanned.kind === "checkbox" || scanned.kind === "status" || scanned.kind === "heading" ? scanned.box : undefined;
  if (!box) throw new TaskLineError(line, `not a checkbox item: "${body.slice(0, 60)}"`);

  const current = box.raw;
  const next =
    state === "done" ? (current === "x" || current === "X" ? current : computeDoneChar(scanLines(text))) : CHAR[state];
  if (next === current) return text;
  const offset = lineStart(text, line) + box.col;
  return text.slice(0, offset) + next + text.slice(offset + 1);
}

function lineStart(text: string, line: number): number {
  let offset = 0;
  for (let n = 1; n < line; n++) offset = text.indexOf("\n", offset) + 1;
  return offset;
}

function hiddenWhere(why: HiddenReason): string {
  return why === "fence" ? "a fenced code block" : why === "comment" ? "an HTML comment" : "the YAML front matter";
}
