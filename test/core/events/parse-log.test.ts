import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { NewEvent } from "../../../core/events/event.js";
import { parseLog } from "../../../core/events/parse-log.js";
import { buildLog } from "../../helpers/log-builder.js";
import { propertyRuns } from "../../helpers/property-runs.js";

const sample: NewEvent[] = [
  { event: "milestone_activated", actor: "alice", details: { from: "planned" } },
  { event: "phase_started", actor: "alice", task_id: "T1", phase: "design" },
  {
    event: "phase_approved",
    actor: "bob",
    task_id: "T1",
    phase: "design",
    details: { role: "approver", note: "ünïcödé ✓", n: 3, nested: { b: 1, a: [1, "x"] } },
  },
  { event: "phase_completed", actor: "bob", task_id: "T1", phase: "design" },
];

describe("parseLog", () => {
  it("accepts a log it wrote and returns every event", () => {
    const { text, events } = buildLog("m1", sample);
    const parsed = parseLog(text, "m1");
    expect(parsed.problem).toBeUndefined();
    expect(parsed.events).toEqual(events);
    expect(parsed.head).toBe(events.at(-1)?.hash);
  });

  it("accepts an empty log", () => {
    const parsed = parseLog("", "m1");
    expect(parsed.events).toEqual([]);
    expect(parsed.problem).toBeUndefined();
  });

  it.each([
    ["a changed value", (l: string[]) => (l[2] = l[2]!.replace('"bob"', '"eve"')), 3, "modified"],
    ["a deleted line", (l: string[]) => l.splice(1, 1), 2, "seq"],
    ["swapped lines", (l: string[]) => ([l[1], l[2]] = [l[2]!, l[1]!]), 2, "seq"],
    ["a truncated last line", (l: string[]) => (l[3] = l[3]!.slice(0, 20)), 4, "JSON"],
    ["a line from another milestone", (l: string[]) => (l[0] = l[0]!.replace('"m1"', '"m2"')), 1, "milestone"],
    [
      "reformatted JSON",
      (l: string[]) => (l[1] = JSON.stringify(JSON.parse(l[1]!), null, 1).replace(/\n/g, "")),
      2,
      "modified",
    ],
  ])("reports %s at the right line", (_name, edit, line, fragment) => {
    const lines = buildLog("m1", sample).text.split("\n");
    lines.pop();
    edit(lines);
    const parsed = parseLog(lines.join("\n") + "\n", "m1");
    expect(parsed.problem?.line).toBe(line);
    expect(parsed.problem?.message).toContain(fragment);
    expect(parsed.events).toHaveLength(line - 1);
  });

  it("reports a last line without its line end", () => {
    const { text } = buildLog("m1", sample);
    expect(parseLog(text.slice(0, -1), "m1").problem).toMatchObject({
      line: 4,
      message: expect.stringContaining("incomplete"),
    });
  });

  it("never throws on arbitrary input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), (text) => void parseLog(text, "m1")),
      propertyRuns(200),
    );
  });

  it("detects any single-byte edit of any line, at that line", () => {
    const { text } = buildLog("m1", sample);
    const bytes = Buffer.from(text, "utf8");
    const lineOf = (offset: number) => bytes.subarray(0, offset).toString("latin1").split("\n").length;
    fc.assert(
      fc.property(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (offset, delta) => {
        const edited = Buffer.from(bytes);
        edited[offset] = (edited[offset]! + delta) % 256;
        const parsed = parseLog(edited.toString("utf8"), "m1");
        expect(parsed.problem).toBeDefined();
        // A byte that turns into or out of a line end moves the damage to the neighbouring line at most.
        expect(Math.abs(parsed.problem!.line - lineOf(offset))).toBeLessThanOrEqual(1);
      }),
      propertyRuns(2000),
    );
  });
});

describe("parseLog: harmless differences in the text", () => {
  const { text, events } = buildLog("m1", sample);

  it.each([
    ["one blank line", "\n", "1 blank line"],
    ["several blank and whitespace-only lines", "\n  \n\t\n\n", "4 blank lines"],
    ["a whitespace-only tail without a line end", "   ", "1 blank line"],
  ])("accepts %s at the end, with a note and the tidy text", (_name, tail, note) => {
    const parsed = parseLog(text + tail, "m1");
    expect(parsed.problem).toBeUndefined();
    expect(parsed.events).toEqual(events);
    expect(parsed.note).toContain(note);
    expect(parsed.tidy).toBe(text);
  });

  it("verifies a log checked out with CRLF line ends (core.autocrlf=true): hashes are over the LF form", () => {
    const parsed = parseLog(text.replace(/\n/g, "\r\n"), "m1");
    expect(parsed.problem).toBeUndefined();
    expect(parsed.events).toEqual(events);
    expect(parsed.note).toContain("CRLF");
    expect(parsed.tidy).toBe(text);
  });

  it("has neither note nor tidy text for a log in its stored form", () => {
    const parsed = parseLog(text, "m1");
    expect(parsed.note).toBeUndefined();
    expect(parsed.tidy).toBeUndefined();
  });

  it("keeps every whole line before a cut-off last line", () => {
    const cut = text + text.split("\n")[0]!.slice(0, 40);
    const parsed = parseLog(cut, "m1");
    expect(parsed.events).toEqual(events);
    expect(parsed.problem).toMatchObject({ line: 5, message: expect.stringContaining("cut off") });
  });

  it("still reports a blank line inside the log", () => {
    const lines = text.split("\n");
    lines.splice(2, 0, "");
    expect(parseLog(lines.join("\n"), "m1").problem?.line).toBe(3);
  });
});
