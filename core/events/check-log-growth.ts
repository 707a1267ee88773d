import type { LogEvent } from "./event.js";
import { identityOf } from "./merge-logs.js";
import { serializeEvent } from "./serialize-event.js";

/** How a later copy of a log relates to an earlier one it must extend. */
export type LogGrowth =
  { ok: true; how: "same" | "grew" | "merged"; added: number } | { ok: false; line: number; message: string };

/**
 * Whether `after` keeps every event of `before` (a version of the same log it must have grown from:
 * an anchor GitHub keeps, an older commit of the log). A log only grows: `before`'s lines are the
 * start of `after`, hash for hash. The one other honest shape is a merge (ADR 10), which keeps one
 * side byte for byte and re-seals the other's events after it: each of `before`'s events must then
 * be there, in order, with its identity and the same content (only seq, prev, hash and
 * `details.original` change on re-sealing), so a made-up `details.original` does not pass for one.
 * `where` names `before` in the message. Pure.
 */
export function checkLogGrowth(before: readonly LogEvent[], after: readonly LogEvent[], where: string): LogGrowth {
  let common = 0;
  while (common < before.length && common < after.length && before[common]?.hash === after[common]?.hash) common++;
  const added = after.length - before.length;
  if (common === before.length) return { ok: true, how: added === 0 ? "same" : "grew", added };
  if (common === after.length) {
    return {
      ok: false,
      line: after.length + 1,
      message: `the log ends at line ${after.length} but ${where} has ${before.length} lines: lines were removed from the end`,
    };
  }
  const byIdentity = new Map<string, { index: number; event: LogEvent }>();
  after.forEach((event, index) => byIdentity.set(identityOf(event), { index, event }));
  let last = common - 1;
  for (let i = common; i < before.length; i++) {
    const was = before[i] as LogEvent;
    const found = byIdentity.get(identityOf(was));
    if (!found || found.index <= last || contentOf(found.event) !== contentOf(was)) {
      const line = Math.min(i + 1, after.length + 1);
      return {
        ok: false,
        line,
        message:
          `line ${i + 1} of ${where} (${was.event}${was.task_id ? ` ${was.task_id}` : ""} by ${was.actor}) ` +
          `is not in the log: the log was rewritten from line ${common + 1}`,
      };
    }
    last = found.index;
  }
  return { ok: true, how: "merged", added };
}

/** An event's text without what re-sealing changes. */
function contentOf(event: LogEvent): string {
  const details = { ...event.details };
  delete details.original;
  return serializeEvent({ ...event, seq: 0, prev: "", details });
}
