import { GENESIS_HASH, type Json, type LogEvent } from "./event.js";
import { normaliseLog, parseLog, type LogProblem } from "./parse-log.js";
import { sealEvent } from "./serialize-event.js";

export interface MergeLogsOptions {
  milestoneId: string;
  /** Who the `logs_merged` event names as its actor. Default `phasegate`, so a merge is a pure function of its inputs. */
  actor?: string;
  sessionId?: string;
}

export type MergeLogsResult =
  | { ok: true; text: string; events: LogEvent[]; added: number }
  | { ok: false; side: "base" | "ours" | "theirs"; problem: LogProblem };

/**
 * Join two copies of one log that grew apart (two clones appending concurrently) into one chain
 * (ADR 10). The common prefix is the longest run of lines both sides share by hash; our new events
 * stay exactly as they are; then a `logs_merged` event naming both heads; then their new events,
 * re-sealed with new seq, prev and hash, the same content, and `details.original` (their seq and hash).
 * An event is identified by its first hash (`original.hash` once re-sealed), so no event ever appears
 * twice, whatever the order of merges and rebases. `base` is not trusted to find the prefix (a rebase
 * hands in a base neither side starts with); it is only checked: none of its events may be lost.
 * Pure and deterministic: the same inputs give the same bytes.
 */
export function mergeLogs(base: string, ours: string, theirs: string, options: MergeLogsOptions): MergeLogsResult {
  const sides = { ours: parseLog(ours, options.milestoneId), theirs: parseLog(theirs, options.milestoneId) };
  for (const side of ["ours", "theirs"] as const) {
    const problem = sides[side].problem;
    if (problem) return { ok: false, side, problem };
  }
  const a = sides.ours.events;
  const b = sides.theirs.events;
  let common = 0;
  while (common < a.length && common < b.length && a[common]?.hash === b[common]?.hash) common++;
  const known = new Set(a.map(identityOf));
  const added = b.slice(common).filter((e) => !known.has(identityOf(e)) && known.add(identityOf(e)));
  const lost = parseLog(base, options.milestoneId).events.find((e) => !known.has(identityOf(e)));
  if (lost) {
    const message = `event ${lost.seq} of the common ancestor (${lost.event}) is on neither side: a side dropped events`;
    return { ok: false, side: "base", problem: { line: lost.seq, message } };
  }
  if (added.length === 0) return { ok: true, text: linesOf(ours, a.length), events: a, added: 0 };
  if (common === a.length) return { ok: true, text: linesOf(theirs, b.length), events: b, added: b.length - a.length };
  // Our lines are kept byte for byte; only the new ones are serialised.
  const merged = [...a];
  let text = linesOf(ours, a.length);
  const head = (e: LogEvent | undefined): Json => ({ seq: e?.seq ?? 0, hash: e?.hash ?? "" });
  const timestamp = [a.at(-1)?.timestamp ?? "", b.at(-1)?.timestamp ?? ""].sort().at(-1) as string;
  const marker = {
    v: 1 as const,
    seq: 0,
    timestamp,
    event: "logs_merged" as const,
    milestone_id: options.milestoneId,
    session_id: options.sessionId ?? "merge",
    actor: options.actor ?? "phasegate",
    details: { ours: head(a.at(-1)), theirs: head(b.at(-1)), common: common, added: added.length },
    prev: "",
  };
  for (const event of [marker, ...added.map(withOriginal)]) {
    const previous = merged.at(-1);
    const body = { ...withoutHash(event), seq: (previous?.seq ?? 0) + 1, prev: previous?.hash ?? GENESIS_HASH };
    const sealed = sealEvent(body);
    merged.push({ ...body, hash: sealed.hash });
    text += sealed.line + "\n";
  }
  return { ok: true, text, events: merged, added: added.length + 1 };
}

/** An event's identity across re-sealing: the hash it was first written with. */
export function identityOf(event: LogEvent): string {
  const original = event.details.original;
  if (original && typeof original === "object" && !Array.isArray(original) && typeof original.hash === "string") {
    return original.hash;
  }
  return event.hash;
}

function withOriginal(event: LogEvent): LogEvent {
  if (event.details.original !== undefined) return event;
  return { ...event, details: { ...event.details, original: { seq: event.seq, hash: event.hash } } };
}

function withoutHash(event: Omit<LogEvent, "hash"> & { hash?: string }): Omit<LogEvent, "hash"> {
  const body = { ...event };
  delete body.hash;
  return body;
}

/** The first `count` lines of a log's text (its verified lines), in the stored form. */
function linesOf(raw: string, count: number): string {
  const { text } = normaliseLog(raw);
  if (count === 0) return "";
  let end = -1;
  for (let i = 0; i < count; i++) end = text.indexOf("\n", end + 1);
  return text.slice(0, end + 1);
}
