import type { LogEvent } from "./event.js";

/**
 * The events already written for each command of one comment or review, by command line: those
 * whose `details` carry every key of `source` (`comment_id`, `review_id`) with its value. A
 * redelivered webhook must not carry out a command twice (a second `/reject`, an `/unhold` after a
 * later `/hold`), and the log, not the reply a person may delete, is what says it was done.
 * Commands that wrote nothing (`/status`, a refusal) are not found and may be answered again.
 */
export function findRecordedCommands(
  events: readonly LogEvent[],
  source: { readonly [key: string]: number } | undefined,
): Map<number, LogEvent[]> {
  const out = new Map<number, LogEvent[]>();
  const keys = Object.entries(source ?? {}).filter(([key]) => key !== "command_line");
  if (keys.length === 0) return out;
  for (const e of events) {
    if (!keys.every(([key, value]) => e.details[key] === value)) continue;
    const line = typeof e.details.command_line === "number" ? e.details.command_line : 1;
    out.set(line, [...(out.get(line) ?? []), e]);
  }
  return out;
}
