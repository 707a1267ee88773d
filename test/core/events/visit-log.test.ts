import { describe, expect, it } from "vitest";
import type { LogEvent, NewEvent } from "../../../core/events/event.js";
import { parseLog, visitLog } from "../../../core/events/parse-log.js";
import { buildLog } from "../../helpers/log-builder.js";

const sample: NewEvent[] = [
  { event: "milestone_activated", actor: "alice", details: { from: "planned" } },
  { event: "phase_started", actor: "alice", task_id: "T1", phase: "design" },
  { event: "phase_approved", actor: "bob", task_id: "T1", phase: "design", details: { note: "ünïcödé ✓" } },
  { event: "phase_completed", actor: "bob", task_id: "T1", phase: "design" },
];
const text = buildLog("m1", sample).text;
const lines = text.split("\n").slice(0, -1);

describe("visitLog: parseLog one event at a time", () => {
  it.each([
    ["a log it wrote", text],
    ["an empty log", ""],
    ["CRLF line ends", text.replace(/\n/g, "\r\n")],
    ["blank lines at the end", text + "\n\n  \n"],
    ["a changed value", [lines[0], lines[1], lines[2]!.replace('"bob"', '"eve"'), lines[3], ""].join("\n")],
    [
      "CRLF line ends and a changed value",
      [lines[0], lines[1]!.replace('"alice"', '"eve"'), lines[2], lines[3], ""].join("\r\n"),
    ],
    ["a deleted line", [lines[0], lines[2], lines[3], ""].join("\n")],
    ["a last line without its line end", text.slice(0, -1)],
    ["a line from another milestone", text.replace('"m1"', '"m2"')],
  ])("%s: the same events, problem, head, note and tidy text as parseLog", async (_name, raw) => {
    const seen: LogEvent[] = [];
    const visited = await visitLog(raw, "m1", (e) => void seen.push(e));
    const { events, ...parsed } = parseLog(raw, "m1");
    expect(seen).toEqual(events);
    expect(visited).toEqual({ ...parsed, count: events.length });
  });

  it("awaits a visitor's promise before the next line", async () => {
    const order: string[] = [];
    await visitLog(text, "m1", async (e) => {
      order.push(`start ${e.seq}`);
      await new Promise((resolve) => setTimeout(resolve, 1));
      order.push(`end ${e.seq}`);
    });
    expect(order).toEqual([1, 2, 3, 4].flatMap((n) => [`start ${n}`, `end ${n}`]));
  });
});
