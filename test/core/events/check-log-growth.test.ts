import { describe, expect, it } from "vitest";
import { checkLogGrowth } from "../../../core/events/check-log-growth.js";
import type { LogEvent, NewEvent } from "../../../core/events/event.js";
import { mergeLogs } from "../../../core/events/merge-logs.js";
import { buildLog, resealEvents } from "../../helpers/log-builder.js";

const reseal = (events: LogEvent[]) => resealEvents(events).events;

const hold = (actor: string, task = "T1"): NewEvent => ({ event: "task_held", actor, task_id: task, details: {} });
const reject = (actor: string): NewEvent => ({
  event: "phase_rejected",
  actor,
  task_id: "T1",
  phase: "design",
  details: { reason: "no" },
});
const WHERE = "the anchor";

describe("checkLogGrowth", () => {
  const base = buildLog("m1", [hold("alice"), reject("alice"), hold("bob")]).events;

  it("passes the same log and a log that only grew", () => {
    expect(checkLogGrowth(base, base, WHERE)).toEqual({ ok: true, how: "same", added: 0 });
    const grown = buildLog("m1", [hold("alice"), reject("alice"), hold("bob"), hold("carol")]).events;
    expect(checkLogGrowth(base, grown, WHERE)).toEqual({ ok: true, how: "grew", added: 1 });
  });

  it("reports lines cut from the end, and a line removed with the rest sealed again", () => {
    expect(checkLogGrowth(base, base.slice(0, 1), WHERE)).toMatchObject({
      ok: false,
      line: 2,
      message: "the log ends at line 1 but the anchor has 3 lines: lines were removed from the end",
    });
    const forged = reseal([base[0]!, base[2]!]);
    expect(checkLogGrowth(base, forged, WHERE)).toMatchObject({
      ok: false,
      line: 2,
      message: "line 2 of the anchor (phase_rejected T1 by alice) is not in the log: the log was rewritten from line 2",
    });
  });

  it("passes a merge that re-sealed the earlier events, but not a made-up `details.original`", () => {
    const ours = buildLog("m1", [hold("alice"), hold("carol", "T2")]);
    const theirs = buildLog("m1", [hold("alice"), reject("alice"), hold("bob")]);
    const common = buildLog("m1", [hold("alice")]);
    const merged = mergeLogs(common.text, ours.text, theirs.text, { milestoneId: "m1" });
    if (!merged.ok) throw new Error("merge failed");
    // Their events now sit after ours and the marker, re-sealed: still all there, in order, same content.
    expect(checkLogGrowth(theirs.events, merged.events, WHERE)).toMatchObject({ ok: true, how: "merged" });
    expect(checkLogGrowth(ours.events, merged.events, WHERE)).toMatchObject({ ok: true, how: "grew" });
    // The rejection turned into an approval, claiming the rejection's identity: its content differs.
    const faked = reseal(
      merged.events.map((e) =>
        e.event === "phase_rejected" ? { ...e, event: "phase_approved" as const, details: { ...e.details } } : e,
      ),
    );
    expect(checkLogGrowth(theirs.events, faked, WHERE)).toMatchObject({ ok: false, line: 2 });
  });
});
