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
}

const NAMES = new Set<string>(EVENT_NAMES);

/**
 * Parse and verify a JSONL event log: every line must be canonical JSON whose `hash` matches its
 * text, whose `prev` is the previous line's hash, and whose `seq` is its position. Any edit to any
 * line (even one byte) therefore fails at that line. Never throws.
 */
export function parseLog(text: string, milestoneId: string): ParsedLog {
  const events: LogEvent[] = [];
  const head = GENESIS_HASH;
  if (text === "") return { events, head };
  const lines = text.split("\n");
  const last = lines.pop();
  if (last !== "") {
    // A writer always ends a line with "\n" in the same atomic write; a tail without one was edited.
    const line = lines.length + 1;
    const result = verifyLines(lines, milestoneId, events, head);
    if (result.problem) return result;
    return { events, head: result.head, problem: { line, message: `line ${line} is incomplete (no line end)` } };
  }
  return verifyLines(lines, milestoneId, events, head);
}

function verifyLines(lines: string[], milestoneId: string, events: LogEvent[], head: string): ParsedLog {
  for (let i = 0; i < lines.length; i++) {
    const line = i + 1;
    const problem = verifyLine(lines[i] as string, line, milestoneId, head);
    if (typeof problem === "string") return { events, head, problem: { line, message: problem } };
    events.push(problem);
    head = problem.hash;
  }
  return { events, head };
}

function verifyLine(text: string, seq: number, milestoneId: string, prev: string): LogEvent | string {
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
