import { renderEvent, type LogEvent } from "../core/index.js";

/** One bullet per event a command wrote (validations left out: `status` shows what they changed). */
export function renderEvents(events: LogEvent[]): string {
  return events
    .filter((e) => e.event !== "deliverables_validated")
    .map((e) => `• ${renderEvent(e)}\n`)
    .join("");
}
