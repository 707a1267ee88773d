import { EVENT_NAMES, GENESIS_HASH, type EventName, type LogEvent } from "./event.js";
import { hashText } from "./serialize-event.js";

const HASH_KEY = ',"hash":"';
const HASH_SUFFIX_LENGTH = HASH_KEY.length + 64 + 2;

/** Why a log does not verify, at which line (1-based). */
export interface LogProblem {
  line: number;
  message: string;
}

export interface ParsedLog {
  /** Events up to (not including) the first line that does not verify. */
  events: LogEvent[];
  /** The first problem found; the log is trusted only when this is undefined. */
  problem?: LogProblem;
  /** Hash of the last trusted event (GENESIS_HASH for an empty log). */
  head: string;
  /** Something harmless worth saying (blank lines at the end, CRLF line ends); never tampering. */
  note?: string;
  /**
   * The log's text in its stored form (LF line ends, nothing after the last line end) when the text
   * read differs from it; the next write puts this text plus its events instead of appending, so no
   * blank line or CR is ever left inside the log. Undefined when the text read is already that form.
   */
  tidy?: string;
}

const NAMES = new Set<string>(EVENT_NAMES);

/**
 * Parse and verify a JSONL event log: every line must be canonical JSON whose `hash` matches its
 * text, whose `prev` is the previous line's hash, and whose `seq` is its position. Any edit to any
 * line (even one byte) therefore fails at that line. Never throws.
 */
export function parseLog(raw: string, milestoneId: string): ParsedLog {
  const { text, note } = normaliseLog(raw);
  const events: LogEvent[] = [];
  const head = GENESIS_HASH;
  const extra = { ...(note && { note }), ...(text !== raw && { tidy: text }) };
  if (text === "") return { events, head, ...extra };
  const lines = text.split("\n");
  const last = lines.pop();
  if (last !== "") {
    // A writer always ends a line with "\n" in the same atomic write: a tail without one is a write cut
    // off by a crash (or an edit). Every whole line before it still verifies and is kept.
    const line = lines.length + 1;
    const result = verifyLines(lines, milestoneId, events, head);
    if (result.problem) return result;
    const message = `line ${line} is incomplete (no line end: a write was cut off)`;
    return { events, head: result.head, problem: { line, message } };
  }
  return { ...verifyLines(lines, milestoneId, events, head), ...extra };
}

/**
 * The stored form of a log: LF line ends (a checkout with `core.autocrlf=true` turns every `\n` into
 * `\r\n`; hashes are over the LF form, and canonical JSON never holds a raw CR), and no blank or
 * whitespace-only lines after the last line (an editor's or a tool's trailing newline is not tampering).
 */
export function normaliseLog(raw: string): { text: string; note?: string } {
  const notes: string[] = [];
  let text = raw;
  if (text.includes("\r\n")) {
    text = text.replace(/\r\n/g, "\n");
    notes.push("CRLF line ends read as LF");
  }
  const end = lastLineEnd(text);
  if (end < text.length && /^\s*$/.test(text.slice(end))) {
    const blank = text.slice(end).split("\n").length - (text.endsWith("\n") ? 1 : 0);
    text = text.slice(0, end);
    notes.push(`${blank} blank line${blank === 1 ? "" : "s"} at the end ignored (the next write removes them)`);
  }
  return notes.length > 0 ? { text, note: notes.join("; ") } : { text };
}

/** Offset just after the last line end that follows a non-blank line (0 when there is none). */
function lastLineEnd(text: string): number {
  let i = text.length;
  while (i > 0 && /\s/.test(text[i - 1] as string)) i--;
  if (i === 0) return 0;
  const nl = text.indexOf("\n", i);
  return nl === -1 ? text.length : nl + 1;
}

/**
 * Verify lines appended after a trusted prefix that ends at event `from.seq` with hash `from.head`:
 * the same checks as parseLog, line numbers counted from the start of the log. Only a text in stored
 * form is accepted (whole LF-ended lines, no CR, no blank line); anything else is a problem, and the
 * caller verifies the whole log instead, which says what is wrong.
 */
export function parseLogTail(text: string, milestoneId: string, from: { seq: number; head: string }): ParsedLog {
  const events: LogEvent[] = [];
  if (text === "") return { events, head: from.head };
  if (!text.endsWith("\n") || text.includes("\r") || text.includes("\n\n")) {
    return { events, head: from.head, problem: { line: from.seq + 1, message: "not in stored form" } };
  }
  const lines = text.split("\n");
  lines.pop();
  return verifyLines(lines, milestoneId, events, from.head, from.seq);
}

function verifyLines(lines: string[], milestoneId: string, events: LogEvent[], head: string, before = 0): ParsedLog {
  for (let i = 0; i < lines.length; i++) {
    const line = before + i + 1;
    const problem = verifyLine(lines[i] as string, line, milestoneId, head);
    if (typeof problem === "string") return { events, head, problem: { line, message: problem } };
    events.push(problem);
    head = problem.hash;
  }
  return { events, head };
}

/** One line checked as the event at `seq` after `prev`: the event, or why it is not (starting `line <seq> `). */
export function verifyLine(text: string, seq: number, milestoneId: string, prev: string): LogEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `line ${seq} is not valid JSON`;
  }
  const shapeProblem = checkShape(value);
  if (shapeProblem) return `line ${seq} ${shapeProblem}`;
  const event = value as LogEvent;
  if (event.seq !== seq) return `line ${seq} has seq ${event.seq}`;
  if (event.milestone_id !== milestoneId) return `line ${seq} belongs to milestone "${event.milestone_id}"`;
  if (event.prev !== prev) return `line ${seq} does not follow line ${seq - 1} (prev hash differs)`;
  // The hash covers the line's exact bytes before the hash field, so any edit there changes it;
  // an edit of the hash itself no longer matches. No re-serialisation is needed (see ADR 1).
  const tail = text.length - HASH_SUFFIX_LENGTH;
  const sealedHash = text.slice(tail + HASH_KEY.length, -2);
  if (text.slice(tail, tail + HASH_KEY.length) !== HASH_KEY || !text.endsWith('"}') || sealedHash !== event.hash) {
    return `line ${seq} was modified (its hash is not the last field)`;
  }
  if (hashText(text.slice(0, tail) + "}") !== event.hash) return `line ${seq} was modified (hash does not match)`;
  return event;
}

function checkShape(value: unknown): string | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return "is not an object";
  const e = value as Record<string, unknown>;
  if (e.v !== 1) return "has an unknown version";
  if (typeof e.seq !== "number") return "has no seq";
  if (typeof e.event !== "string" || !NAMES.has(e.event as EventName))
    return `has an unknown event "${String(e.event)}"`;
  for (const key of ["timestamp", "milestone_id", "session_id", "actor", "prev", "hash"]) {
    if (typeof e[key] !== "string") return `has no ${key}`;
  }
  for (const key of ["task_id", "phase"]) {
    if (e[key] !== undefined && typeof e[key] !== "string") return `has a malformed ${key}`;
  }
  if (e.details === null || typeof e.details !== "object" || Array.isArray(e.details)) return "has no details object";
  return undefined;
}

/** Called with each verified event in line order; a promise returned is awaited before the next line. */
export type LogVisitor = (event: LogEvent) => void | Promise<void>;

/**
 * parseLog without the event array: each verified event goes to `visit` as soon as it verifies, so
 * a caller that folds and audits as it goes keeps no event. The same checks, problems and notes.
 */
export async function visitLog(
  raw: string,
  milestoneId: string,
  visit: LogVisitor,
): Promise<Omit<ParsedLog, "events"> & { count: number }> {
  const { text, note } = normaliseLog(raw);
  const extra = { ...(note && { note }), ...(text !== raw && { tidy: text }) };
  let head = GENESIS_HASH;
  let seq = 0;
  for (let at = 0; at < text.length;) {
    const end = text.indexOf("\n", at);
    const line = seq + 1;
    if (end === -1) {
      const message = `line ${line} is incomplete (no line end: a write was cut off)`;
      return { head, count: seq, problem: { line, message } };
    }
    const verified = verifyLine(text.slice(at, end), line, milestoneId, head);
    if (typeof verified === "string") return { head, count: seq, problem: { line, message: verified }, ...extra };
    const pending = visit(verified);
    if (pending) await pending;
    head = verified.hash;
    seq = line;
    at = end + 1;
  }
  return { head, count: seq, ...extra };
}
