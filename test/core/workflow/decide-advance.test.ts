import { describe, expect, it } from "vitest";
import type { NewEvent } from "../../../core/events/event.js";
import { fold } from "../../../core/events/fold.js";
import { decidePhase, decideStart, findAdvanceSteps } from "../../../core/workflow/decide-advance.js";
import type { GateFacts } from "../../../core/rules/evaluate-gate.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

const plan = makePlan([makeTask("T1"), makeTask("T2", ["T1"])], { approvers: ["bob", "carol"] });
const T1 = plan.tasks[0]!;
const [design, , task] = T1.phases;
const a = "alice";
const active = (extra: NewEvent[] = []) =>
  fold(
    plan,
    buildLog("m1", [
      { event: "milestone_activated", actor: a },
      { event: "phase_started", actor: a, task_id: "T1", phase: "design" },
      ...extra,
    ]).events,
  );
const ok = { ok: true, digest: "d1", files: [{ path: "x", version: "v1" }] };
const facts: GateFacts = { isMember: () => false, codeowners: [], authors: new Set(), allowSelfApproval: false };
const gate = { facts };

describe("findAdvanceSteps", () => {
  it("does nothing before activation", () => {
    expect(findAdvanceSteps(plan, fold(plan, []), new Set())).toEqual([]);
  });
  it("starts ready tasks and evaluates started ones, never pending ones", () => {
    const steps = findAdvanceSteps(
      plan,
      fold(plan, buildLog("m1", [{ event: "milestone_activated", actor: a }]).events),
      new Set(),
    );
    expect(steps.map((s) => [s.task.id, s.kind])).toEqual([["T1", "start"]]);
    expect(findAdvanceSteps(plan, active(), new Set()).map((s) => [s.task.id, s.kind])).toEqual([["T1", "evaluate"]]);
  });
  it("leaves held tasks alone", () => {
    expect(
      findAdvanceSteps(
        plan,
        active([{ event: "task_held", actor: a, task_id: "T1", details: { reason: "wait" } }]),
        new Set(),
      ),
    ).toEqual([]);
  });
});

describe("decideStart", () => {
  it("refuses (no events) a task whose dependencies are not completed", () => {
    expect(decideStart(active(), plan.tasks[1]!, a)).toEqual([]);
  });
});

describe("decidePhase", () => {
  it("records validation but waits for approval on a gated phase", () => {
    expect(decidePhase(plan, active(), T1, design!, ok, a, gate).map((e) => e.event)).toEqual([
      "deliverables_validated",
    ]);
  });
  it("does nothing while deliverables fail", () => {
    expect(decidePhase(plan, active(), T1, design!, { ...ok, ok: false }, a)).toEqual([]);
  });
  it("does not validate the same digest twice", () => {
    const s = active([
      { event: "deliverables_validated", actor: a, task_id: "T1", phase: "design", details: { digest: "d1" } },
    ]);
    expect(decidePhase(plan, s, T1, design!, ok, a, gate)).toEqual([]);
  });
  it("completes an approved phase and starts the next, with progress", () => {
    const s = active([
      { event: "phase_approved", actor: "bob", task_id: "T1", phase: "design", details: { digest: "d1" } },
    ]);
    const events = decidePhase(plan, s, T1, design!, ok, a, gate);
    expect(events.map((e) => [e.event, e.phase ?? ""])).toEqual([
      ["deliverables_validated", "design"],
      ["phase_completed", "design"],
      ["phase_started", "spec"],
      ["progress_updated", ""],
    ]);
    expect(events.at(-1)?.details).toEqual({ percentage: 7.5, completed_tasks: 0, total_tasks: 2 });
  });
  it("waits for every group of the gate's rule: two of bob and carol", () => {
    const twoOf = {
      ...design!,
      approval: {
        groups: [
          {
            count: 2,
            from: [
              { kind: "user" as const, login: "bob" },
              { kind: "user" as const, login: "carol" },
            ],
          },
        ],
        source: "approval",
      },
    };
    const one = active([
      { event: "phase_approved", actor: "bob", task_id: "T1", phase: "design", details: { digest: "d1" } },
    ]);
    expect(decidePhase(plan, one, T1, twoOf, ok, a, gate).map((e) => e.event)).toEqual(["deliverables_validated"]);
    const both = active([
      { event: "phase_approved", actor: "bob", task_id: "T1", phase: "design", details: { digest: "d1" } },
      { event: "phase_approved", actor: "carol", task_id: "T1", phase: "design", details: { digest: "d1" } },
    ]);
    expect(decidePhase(plan, both, T1, twoOf, ok, a, gate).map((e) => e.event)).toContain("phase_completed");
    // The second approval given in the same step counts too.
    expect(decidePhase(plan, one, T1, twoOf, ok, a, { facts, approvedNow: "carol" }).map((e) => e.event)).toContain(
      "phase_completed",
    );
  });
  it("does not count an approval from outside the rule", () => {
    const s = active([
      { event: "phase_approved", actor: "mallory", task_id: "T1", phase: "design", details: { digest: "d1" } },
    ]);
    expect(decidePhase(plan, s, T1, design!, ok, a, gate).map((e) => e.event)).toEqual(["deliverables_validated"]);
  });
  it("revokes an approval whose deliverables changed since", () => {
    const s = active([
      { event: "phase_approved", actor: "bob", task_id: "T1", phase: "design", details: { digest: "old" } },
    ]);
    expect(decidePhase(plan, s, T1, design!, ok, a, gate).map((e) => e.event)).toEqual([
      "deliverables_validated",
      "approval_revoked",
    ]);
  });
  it("keeps it when the phase's policy says keep", () => {
    const s = active([
      { event: "phase_approved", actor: "bob", task_id: "T1", phase: "design", details: { digest: "old" } },
    ]);
    expect(decidePhase(plan, s, T1, { ...design!, onChange: "keep" }, ok, a, gate).map((e) => e.event)).toContain(
      "phase_completed",
    );
  });
  it("completes an ungated phase on validation alone", () => {
    const s = fold(
      plan,
      buildLog("m1", [
        { event: "milestone_activated", actor: a },
        { event: "phase_started", actor: a, task_id: "T1", phase: "task" },
      ]).events,
    );
    expect(decidePhase(plan, s, T1, task!, ok, a, gate).map((e) => e.event)).toEqual([
      "deliverables_validated",
      "phase_completed",
      "phase_started",
      "progress_updated",
    ]);
  });
  it("completes the task and the milestone after the last phase of the last task", () => {
    const one = makePlan([makeTask("T1")], { approvers: ["bob"] });
    const s = fold(
      one,
      buildLog("m1", [
        { event: "milestone_activated", actor: a },
        { event: "phase_started", actor: a, task_id: "T1", phase: "execute" },
        { event: "phase_approved", actor: "bob", task_id: "T1", phase: "execute", details: { digest: "d1" } },
      ]).events,
    );
    const events = decidePhase(one, s, one.tasks[0]!, one.tasks[0]!.phases[3]!, ok, a, gate);
    expect(events.map((e) => e.event)).toEqual([
      "deliverables_validated",
      "phase_completed",
      "kiro_task_completed",
      "progress_updated",
      "milestone_completed",
    ]);
  });
});
