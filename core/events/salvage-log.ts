import { GENESIS_HASH, type EventName, type LogEvent } from "./event.js";
import { identityOf } from "./merge-logs.js";
import { verifyLine } from "./parse-log.js";
import { sealEvent } from "./serialize-event.js";

/** Events that record a person's judgment: a repair never drops one without being told to. */
export const DECISION_EVENTS: ReadonlySet<EventName> = new Set<EventName>([
  "phase_approved",
  "phase_rejected",
  "approval_revoked",
  "task_held",
  "task_unheld",
  "milestone_paused",
]);

export interface DroppedLine {
  /** 1-based line number in the text read. */
  line: number;
  text: string;
  /** The event the line names, when that can still be read from it. */
  event?: string;
  /** Why it cannot be kept. */
  reason: string;
  decision: boolean;
}

export interface SalvagedLog {
  /** The kept events as one verified chain (the stored text is `text`). */
  events: LogEvent[];
  text: string;
  dropped: DroppedLine[];
  /** Kept events that followed a dropped line or a gap, sealed again (`details.original` keeps their identity). */
  resealed: number;
  /** Places where the chain points at an event that is nowhere in the text (lines deleted): line and seq missing. */
  gaps: { line: number; missing: number }[];
  blankLines: number;
  bom: boolean;
  /** The highest original seq the text reached (kept or dropped lines). */
  lastSeq: number;
  /** Every hash the text holds (kept lines' identities, dropped lines' sealed hashes). */
  hashes: ReadonlySet<string>;
}

/**
 * Keep every event of a damaged log that still verifies by itself (its hash matches its bytes):
 * a BOM, CR line ends and blank lines anywhere are skipped; a line that is not a whole, sealed event
 * of this milestone, or repeats one already kept, is dropped and named; the events after a dropped
 * line or a gap are sealed again so the result is one chain. Pure: the caller writes it.
 */
export function salvageLog(raw: string, milestoneId: string): SalvagedLog {
  const bom = raw.startsWith("\uFEFF");
  const lines = (bom ? raw.slice(1) : raw).replace(/\r\n/g, "\n").split("\n");
  const events: LogEvent[] = [];
  const dropped: DroppedLine[] = [];
  const gaps: SalvagedLog["gaps"] = [];
  const kept = new Set<string>();
  /** Hashes of every line seen, kept or dropped: a `prev` pointing elsewhere means lines were deleted. */
  const claimed = new Set<string>([GENESIS_HASH]);
  let lastSeq = 0;
  let text = "";
  let blankLines = 0;
  let resealed = 0;
  lines.forEach((line, i) => {
    if (line.trim() === "") {
      if (i < lines.length - 1) blankLines++;
      return;
    }
    const seq = Number(/"seq":(\d+)/.exec(line)?.[1] ?? Number.NaN);
    const event = verifySelf(line, milestoneId);
    if (typeof event === "string" || kept.has(identityOf(event))) {
      const name = /"event":"([a-z_]+)"/.exec(line)?.[1];
      dropped.push({
        line: i + 1,
        text: line,
        ...(name && { event: name }),
        reason: typeof event === "string" ? event : "a copy of an event already kept",
        decision: name !== undefined && DECISION_EVENTS.has(name as EventName),
      });
      const hash = /"hash":"([0-9a-f]{64})"\}$/.exec(line)?.[1];
      if (hash) claimed.add(hash);
      if (Number.isInteger(seq)) lastSeq = seq;
      return;
    }
    if (!claimed.has(event.prev)) gaps.push({ line: i + 1, missing: Math.max(1, event.seq - lastSeq - 1) });
    kept.add(identityOf(event));
    claimed.add(event.hash);
    lastSeq = event.seq;
    const head = events.at(-1)?.hash ?? GENESIS_HASH;
    if (resealed === 0 && event.prev === head && event.seq === events.length + 1) {
      events.push(event);
      text += line + "\n";
      return;
    }
    const { hash: _sealedAs, ...body } = event;
    const original = event.details.original ?? { seq: event.seq, hash: event.hash };
    const next = { ...body, seq: events.length + 1, prev: head, details: { ...body.details, original } };
    const sealed = sealEvent(next);
    events.push({ ...next, hash: sealed.hash });
    text += sealed.line + "\n";
    resealed++;
  });
  for (const id of kept) claimed.add(id);
  return { events, text, dropped, resealed, gaps, blankLines, bom, lastSeq, hashes: claimed };
}

/** The line as an event of this milestone whose hash matches its own bytes (at its own seq and prev), or why not. */
function verifySelf(line: string, milestoneId: string): LogEvent | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return "not a whole JSON line (cut off or edited)";
  }
  const e = value as Partial<LogEvent> | null;
  if (typeof e !== "object" || e === null || typeof e.seq !== "number" || typeof e.prev !== "string")
    return "not an event";
  const result = verifyLine(line, e.seq, milestoneId, e.prev);
  return typeof result === "string" ? result.replace(/^line \d+ /, "") : result;
}
