import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GENESIS_HASH } from "../../../core/events/event.js";
import { fold } from "../../../core/events/fold.js";
import { identityOf, mergeLogs } from "../../../core/events/merge-logs.js";
import { parseLog } from "../../../core/events/parse-log.js";
import { sealEvent } from "../../../core/events/serialize-event.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";
import { propertyRuns } from "../../helpers/property-runs.js";

const M = "m1";

/** Append one event to a log's text, as a clone would. */
function append(text: string, actor: string, details: Record<string, string | number>, event = "progress_updated") {
  const { events } = parseLog(text, M);
  const last = events.at(-1);
  const body = {
    v: 1 as const,
    seq: (last?.seq ?? 0) + 1,
    timestamp: new Date(Date.parse("2026-11-01T09:00:00Z") + Number(details.n ?? 0) * 1000).toISOString(),
    event: event as "progress_updated",
    milestone_id: M,
    session_id: `s-${actor}`,
    actor,
    ...(event === "task_claimed" && { task_id: "T1" }),
    details: { ...details, ...(event === "task_claimed" && { expires_at: "2026-12-01T00:00:00.000Z" }) },
    prev: last?.hash ?? GENESIS_HASH,
  };
  return text + sealEvent(body).line + "\n";
}

const ids = (text: string) => parseLog(text, M).events.map((e) => String(e.details.n ?? `merge:${e.hash}`));
const merge = (ours: string, theirs: string) => {
  const result = mergeLogs("", ours, theirs, { milestoneId: M });
  if (!result.ok) throw new Error(result.problem.message);
  return result.text;
};

describe("mergeLogs", () => {
  const base = append(append("", "a", { n: 1 }), "a", { n: 2 });
  const ours = append(append(base, "a", { n: 3 }), "a", { n: 4 });
  const theirs = append(base, "b", { n: 5 });

  it("keeps our lines byte for byte, then a logs_merged event, then their new events re-sealed with their origin", () => {
    const result = mergeLogs(base, ours, theirs, { milestoneId: M });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.text.startsWith(ours)).toBe(true);
    const parsed = parseLog(result.text, M);
    expect(parsed.problem).toBeUndefined();
    const [marker, moved] = parsed.events.slice(4);
    expect(marker).toMatchObject({ event: "logs_merged", details: { common: 2, added: 1 } });
    const original = parseLog(theirs, M).events[2]!;
    expect(moved).toMatchObject({ seq: 6, actor: "b", details: { n: 5, original: { seq: 3, hash: original.hash } } });
    expect(identityOf(moved!)).toBe(original.hash);
  });

  it.each([
    ["theirs has nothing new", ours, base, ours],
    ["ours has nothing new (fast-forward)", base, theirs, theirs],
    ["both are the same", ours, ours, ours],
  ])("%s: no merge event", (_name, a, b, expected) => {
    expect(merge(a, b)).toBe(expected);
  });

  it("is idempotent: merging the same side again adds nothing, and the other clone's merge settles too", () => {
    const once = merge(ours, theirs);
    expect(merge(once, theirs)).toBe(once);
    expect(merge(once, ours)).toBe(once);
    // The other clone keeps its own lines first (its witness stays valid), then settles.
    const back = merge(theirs, once);
    expect(back.startsWith(theirs)).toBe(true);
    expect(merge(back, once)).toBe(back);
    expect(parseLog(back, M).events.filter((e) => e.event !== "logs_merged")).toHaveLength(5);
  });

  it.each([
    ["ours", (t: string) => t.replace('"n":3', '"n":9'), "ours"],
    ["theirs", (t: string) => t + "{", "theirs"],
  ])("refuses when %s does not verify, naming the side", (_name, edit, side) => {
    const result = mergeLogs(base, side === "ours" ? edit(ours) : ours, side === "theirs" ? edit(theirs) : theirs, {
      milestoneId: M,
    });
    expect(result).toMatchObject({ ok: false, side });
  });

  it("refuses when a side dropped events of the common ancestor", () => {
    const shortened = append("", "a", { n: 1 });
    expect(mergeLogs(base, shortened, append(shortened, "b", { n: 7 }), { milestoneId: M })).toMatchObject({
      ok: false,
      side: "base",
    });
  });

  it("resolves two live claims of one task the same way whichever side merges: the earlier claim wins", () => {
    const plan = makePlan([makeTask("T1")]);
    const alice = append(base, "alice", { n: 10 }, "task_claimed");
    const bob = append(base, "bob", { n: 20 }, "task_claimed");
    for (const text of [merge(alice, bob), merge(bob, alice)]) {
      const state = fold(plan, parseLog(text, M).events);
      expect(state.tasks[0]?.claim?.by).toBe("alice");
      expect(state.tasks[0]?.authors).toEqual(expect.arrayContaining(["alice", "bob"]));
    }
  });

  it("never loses or duplicates an event, whatever the interleaving of two clones' appends and merges", () => {
    const op = fc.oneof(
      fc.constant("a" as const),
      fc.constant("b" as const),
      fc.constant("a<b" as const),
      fc.constant("b<a" as const),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let a = base;
        let b = base;
        let n = 100;
        const written = new Set(["1", "2"]);
        for (const o of ops) {
          if (o === "a" || o === "b") {
            n += 1;
            written.add(String(n));
            if (o === "a") a = append(a, "a", { n });
            else b = append(b, "b", { n });
          } else if (o === "a<b") a = merge(a, b);
          else b = merge(b, a);
        }
        for (const final of [merge(a, b), merge(b, a)]) {
          const parsed = parseLog(final, M);
          expect(parsed.problem).toBeUndefined();
          const identities = parsed.events.map(identityOf);
          expect(new Set(identities).size).toBe(identities.length);
          const kept = ids(final).filter((id) => !id.startsWith("merge:"));
          expect(kept.length).toBe(written.size);
          expect(new Set(kept)).toEqual(written);
        }
      }),
      propertyRuns(200),
    );
  });
});
