import { GENESIS_HASH, type LogEvent, type NewEvent } from "../../core/events/event.js";
import { sealEvent } from "../../core/events/serialize-event.js";

/** Seal a list of new events into log lines, as MilestoneHandle would (for pure tests). */
export function buildLog(
  milestoneId: string,
  events: NewEvent[],
  start = Date.parse("2026-11-01T09:00:00Z"),
): { text: string; events: LogEvent[] } {
  let prev = GENESIS_HASH;
  const out: LogEvent[] = [];
  const lines = events.map((e, i) => {
    const body = {
      v: 1 as const,
      seq: i + 1,
      timestamp: new Date(start + i * 60_000).toISOString(),
      event: e.event,
      milestone_id: milestoneId,
      session_id: "s-test",
      actor: e.actor,
      ...(e.task_id !== undefined && { task_id: e.task_id }),
      ...(e.phase !== undefined && { phase: e.phase }),
      details: e.details ?? {},
      prev,
    };
    const sealed = sealEvent(body);
    prev = sealed.hash;
    out.push({ ...body, hash: sealed.hash });
    return sealed.line + "\n";
  });
  return { text: lines.join(""), events: out };
}

/**
 * `events` sealed again as one chain from the first one's `prev` on, seq renumbered: what a forger
 * does after deleting or editing a line, so the chain verifies. Returns the events and the log text.
 */
export function resealEvents(events: readonly LogEvent[]): { text: string; events: LogEvent[] } {
  let prev = events[0]?.prev ?? GENESIS_HASH;
  let text = "";
  const out = events.map((event, i) => {
    const body = { ...event, seq: i + 1, prev } as Omit<LogEvent, "hash"> & { hash?: string };
    delete body.hash;
    const sealed = sealEvent(body);
    prev = sealed.hash;
    text += sealed.line + "\n";
    return { ...body, hash: sealed.hash } as LogEvent;
  });
  return { text, events: out };
}
