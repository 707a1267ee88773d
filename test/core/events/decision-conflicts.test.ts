import { describe, expect, it } from "vitest";
import { auditLog } from "../../../core/rules/audit-log.js";
import type { NewEvent } from "../../../core/events/event.js";
import { mergeLogs } from "../../../core/events/merge-logs.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

const plan = makePlan([makeTask("T1", [], { assignees: ["bob"] })], { approvers: ["alice", "carol"] });
const V1 = "a".repeat(40);
const ev = (event: NewEvent["event"], actor: string, details: NewEvent["details"] = {}): NewEvent => ({
  event,
  actor,
  task_id: "T1",
  phase: "design",
  details: { plan_version: V1, ...details },
});
const base = [ev("phase_started", "phasegate"), ev("deliverables_validated", "phasegate", { digest: "d1" })];
const approve = ev("phase_approved", "alice", { digest: "d1" });
const reject = ev("phase_rejected", "carol", { reason: "no" });
const hold = { ...ev("task_held", "carol", { reason: "wait" }), phase: undefined } as NewEvent;

/** Two clones that share `base`, then each recorded its own decisions; merged both ways. */
function merged(ours: NewEvent[], theirs: NewEvent[]) {
  const start = Date.parse("2026-11-01T09:00:00Z");
  const a = buildLog("m1", [...base, ...ours], start);
  const b = buildLog("m1", [...base, ...theirs], start + 3_600_000);
  const common = buildLog("m1", base, start).text;
  return [a, b].flatMap((x, i) => {
    const y = i === 0 ? b : a;
    const result = mergeLogs(common, x.text, y.text, { milestoneId: "m1" });
    if (!result.ok) throw new Error(result.problem.message);
    return [result.events];
  });
}

describe("conflicting decisions from two clones", () => {
  it("an approval on one side and a rejection on the other is a finding, whichever side merges", () => {
    for (const events of merged([approve], [reject])) {
      const findings = auditLog(() => plan, events);
      expect(findings.map((f) => f.message)).toEqual([
        expect.stringMatching(/conflicting decisions on T1 design.*approved by alice.*rejected by carol.*new decision/),
      ]);
    }
  });

  it("an approval and a completion on one side, a rejection on the other: still a finding", () => {
    const completed = ev("phase_completed", "phasegate");
    for (const events of merged([approve, completed], [reject])) {
      expect(auditLog(() => plan, events).some((f) => /conflicting decisions on T1 design/.test(f.message))).toBe(true);
    }
  });

  it("the same decision on both sides, or unrelated ones, is no finding", () => {
    for (const events of merged([approve], [ev("phase_approved", "carol", { digest: "d1" })]))
      expect(auditLog(() => plan, events)).toEqual([]);
    for (const events of merged([approve], [hold])) expect(auditLog(() => plan, events)).toEqual([]);
  });
});
