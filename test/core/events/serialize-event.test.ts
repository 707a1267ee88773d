import { describe, expect, it } from "vitest";
import type { Json, LogEvent } from "../../../core/events/event.js";
import { sealEvent, sealOrderedEvent, serializeEvent } from "../../../core/events/serialize-event.js";

const base: Omit<LogEvent, "hash"> = {
  v: 1,
  seq: 3,
  timestamp: "2026-01-01T00:00:00.000Z",
  event: "deliverables_validated",
  milestone_id: "m1",
  session_id: "s-1",
  actor: "bob",
  task_id: "T1",
  phase: "design",
  details: {},
  prev: "0".repeat(64),
};

/** The canonical text as a reference: every object's keys sorted, by a deep copy made here. */
function reference(details: Json): string {
  const sorted = (value: Json): Json =>
    Array.isArray(value)
      ? value.map(sorted)
      : value !== null && typeof value === "object"
        ? Object.fromEntries(
            Object.keys(value)
              .sort()
              .map((k) => [k, sorted(value[k] as Json)]),
          )
        : value;
  return `"details":${JSON.stringify(sorted(details))}`;
}

describe("serializeEvent", () => {
  it.each<[string, Json]>([
    ["sorted already", { digest: "d", files: [{ path: "a", version: "v" }], plan_version: "p" }],
    ["unsorted at the top", { plan_version: "p", digest: "d", auto: true }],
    ["unsorted inside an array", { files: [{ version: "v", path: "a" }], digest: "d" }],
    ["unsorted deep down", { a: { c: { z: 1, y: [2, { b: 1, a: 2 }] }, b: null } }],
    ["integer-like keys", { "10": "ten", "2": "two", b: "b", a: "a" }],
    ["integer-like keys, sorted as text", { "10": "ten", "2": "two" }],
  ])("writes details with sorted keys: %s", (_name, details) => {
    const text = serializeEvent({ ...base, details: details as LogEvent["details"] });
    expect(text).toContain(reference(details));
    expect(JSON.parse(text)).toEqual({ ...base, details });
  });

  it("leaves the event's details as they were", () => {
    const details = { z: 1, a: { y: 2, b: 3 } };
    serializeEvent({ ...base, details });
    expect(Object.keys(details)).toEqual(["z", "a"]);
    expect(Object.keys(details.a)).toEqual(["y", "b"]);
  });

  it("gives the same line and hash whatever order the details' keys were set in", () => {
    const one = sealEvent({ ...base, details: { digest: "d", files: [{ path: "a", version: "v" }] } });
    const two = sealEvent({ ...base, details: { files: [{ version: "v", path: "a" }], digest: "d" } });
    expect(two).toEqual(one);
  });
});

describe("sealOrderedEvent", () => {
  it("writes the line sealEvent writes, for sorted and unsorted details alike", () => {
    for (const details of [
      { digest: "d", files: [{ path: "a.md", version: "1" }], plan_version: "p" },
      { plan_version: "p", auto: true, nested: { z: 1, a: [{ y: 2, b: 3 }] } },
    ] as Json[]) {
      const event = { ...base, details } as Omit<LogEvent, "hash">;
      expect(sealOrderedEvent(event)).toEqual(sealEvent(event));
      expect(JSON.parse(sealOrderedEvent(event).line)).toEqual({ ...event, hash: sealEvent(event).hash });
    }
  });
});
