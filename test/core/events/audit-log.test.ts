import { describe, expect, it } from "vitest";
import { auditLog } from "../../../core/rules/audit-log.js";
import type { NewEvent } from "../../../core/events/event.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

const plan = makePlan([makeTask("T1", [], { assignees: ["bob"] })], { approvers: ["alice", "bob"] });
const V1 = "a".repeat(40);
const V2 = "b".repeat(40);
const later = makePlan([makeTask("T1", [], { assignees: ["bob"] })], { approvers: ["carol"] });
const plans = new Map([
  [V1, plan],
  [V2, later],
]);
const resolve = (version: string | undefined) => (version === undefined ? plan : plans.get(version));

const ev = (
  event: NewEvent["event"],
  actor: string,
  details: NewEvent["details"] = {},
  phase = "design",
): NewEvent => ({
  event,
  actor,
  task_id: "T1",
  phase,
  details: { plan_version: V1, ...details },
});
const start = ev("phase_started", "phasegate");
const validated = ev("deliverables_validated", "phasegate", { digest: "d1" });
const completed = ev("phase_completed", "phasegate");

describe("auditLog", () => {
  it.each<[string, NewEvent[], string[]]>([
    [
      "a valid approval, then completion",
      [start, validated, ev("phase_approved", "alice", { digest: "d1" }), completed],
      [],
    ],
    [
      "an ungated phase completed without approval",
      [ev("phase_started", "x", {}, "task"), ev("phase_completed", "x", {}, "task")],
      [],
    ],
    [
      "a gated phase completed without approval",
      [start, validated, completed],
      ["line 3: T1 design completed without a valid approval"],
    ],
    [
      "an approval of other deliverables than the validated ones",
      [start, validated, ev("phase_approved", "alice", { digest: "old" }), completed],
      ["line 4: T1 design completed without a valid approval"],
    ],
    [
      "an approval by someone not an approver",
      [start, validated, ev("phase_approved", "mallory", { digest: "d1" }), completed],
      [
        "line 3: mallory approved T1 design, but mallory is not an approver in plan version aaaaaaa (approvers: alice, bob)",
        "line 4",
      ],
    ],
    [
      "an approval by the assignee",
      [start, validated, ev("phase_approved", "bob", { digest: "d1" })],
      ["line 3: bob approved T1 design, but bob is the task's author"],
    ],
    [
      "an approval by a claimant who released the task first",
      [
        ev("task_claimed", "alice"),
        ev("task_released", "alice"),
        start,
        validated,
        ev("phase_approved", "alice", { digest: "d1" }),
      ],
      ["line 5: alice approved T1 design, but alice is the task's author"],
    ],
    [
      "an approval after a rejection cleared it",
      [start, validated, ev("phase_approved", "alice", { digest: "d1" }), ev("phase_rejected", "alice"), completed],
      ["line 5: T1 design completed"],
    ],
    [
      "an approver of the plan version the event records, not the current one",
      [start, validated, ev("phase_approved", "carol", { digest: "d1", plan_version: V2 }), completed],
      [],
    ],
  ])("%s", (_name, events, expected) => {
    const findings = auditLog(resolve, buildLog("m1", events).events).map((f) => f.message);
    expect(findings).toHaveLength(expected.length);
    expected.forEach((fragment, i) => expect(findings[i]).toContain(fragment));
  });

  it("allows self-approval when the plan version allows it", () => {
    const open = makePlan(plan.tasks, { settings: { ...plan.settings, allowSelfApproval: true }, approvers: ["bob"] });
    const events = buildLog("m1", [start, validated, ev("phase_approved", "bob", { digest: "d1" }), completed]).events;
    expect(auditLog(() => open, events)).toEqual([]);
  });
});
