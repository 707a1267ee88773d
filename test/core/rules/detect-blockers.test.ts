import { describe, expect, it } from "vitest";
import type { NewEvent } from "../../../core/events/event.js";
import { fold } from "../../../core/events/fold.js";
import { decideEscalation } from "../../../core/rules/decide-escalation.js";
import { detectBlockers, type BlockerFacts } from "../../../core/rules/detect-blockers.js";
import { buildLog } from "../../helpers/log-builder.js";
import { kiroPhases, makePlan, makeTask } from "../../helpers/make-plan.js";

const limited = kiroPhases("t1").map((p) => (p.id === "design" ? { ...p, timeLimitMs: 3600_000 } : p));
const plan = makePlan([makeTask("T1", [], { phases: limited }), makeTask("T2", ["T1"])]);
const a = "alice";
const started: NewEvent[] = [
  { event: "milestone_activated", actor: a },
  { event: "phase_started", actor: a, task_id: "T1", phase: "design" },
];
const state = fold(plan, buildLog("m1", started).events); // design started 2026-11-01T09:01Z
const now = new Date("2026-11-01T09:30:00Z");

describe("detectBlockers", () => {
  it.each<[string, Partial<BlockerFacts>, string[]]>([
    ["nothing wrong", {}, []],
    ["a failing test command", { checks: { state: "failure", summary: "npm test exited 1" } }, ["test_failures"]],
    ["passing checks", { checks: { state: "success", summary: "ok" } }, []],
    ["conflicts", { conflicts: { items: ["a.ts"], summary: "a.ts has conflict markers" } }, ["git_conflicts"]],
    ["disk at 95 %", { diskUsage: 95 }, ["disk_space"]],
    ["disk at 90 %", { diskUsage: 90 }, []],
    ["a tampered log", { logProblem: { line: 3, message: "modified" } }, ["log_tampered"]],
    [
      "an unmet milestone dependency",
      { unmetRequirements: [{ id: "infra", status: "in_progress" }] },
      ["milestone_dependency:infra"],
    ],
    ["a task over its phase's time limit", { now: new Date("2026-11-01T11:00:00Z") }, ["long_running_task:T1:design"]],
  ])("%s", (_name, facts, ids) => {
    expect(detectBlockers(plan, state, { now, ...facts }).map((b) => b.id)).toEqual(ids);
  });

  it("a started task whose dependency is not completed", () => {
    const s = fold(
      plan,
      buildLog("m1", [...started, { event: "phase_started", actor: a, task_id: "T2", phase: "design" }]).events,
    );
    expect(detectBlockers(plan, s, { now }).map((b) => b.id)).toEqual(["task_dependency:T2:T1"]);
  });

  it("an expired claim", () => {
    const s = fold(
      plan,
      buildLog("m1", [
        ...started,
        { event: "task_claimed", actor: "bob", task_id: "T1", details: { expires_at: "2026-11-01T09:10:00Z" } },
      ]).events,
    );
    expect(detectBlockers(plan, s, { now }).map((b) => b.type)).toEqual(["claim_expired"]);
  });
});

describe("decideEscalation", () => {
  const failing = detectBlockers(plan, state, { now, checks: { state: "failure", summary: "x" } });
  it("escalates a new blocker once", () => {
    const events = decideEscalation(state, failing, a);
    expect(events.map((e) => e.event)).toEqual(["blocker_detected", "blockers_escalated"]);
    const after = fold(plan, buildLog("m1", [...started, ...events]).events);
    expect(after.status).toBe("blocked");
    expect(decideEscalation(after, failing, a)).toEqual([]);
  });
  it("uses the original protocol's names for dependency blockers", () => {
    const blockers = detectBlockers(plan, state, { now, unmetRequirements: [{ id: "infra", status: "planned" }] });
    expect(decideEscalation(state, blockers, a)[0]?.event).toBe("dependency_blocker");
  });
  it("marks blockers that are gone as resolved, without unblocking", () => {
    const after = fold(plan, buildLog("m1", [...started, ...decideEscalation(state, failing, a)]).events);
    const events = decideEscalation(after, [], a);
    expect(events.map((e) => e.event)).toEqual(["blocker_resolved"]);
    expect(
      fold(plan, buildLog("m1", [...started, ...decideEscalation(state, failing, a), ...events]).events).status,
    ).toBe("blocked");
  });
  it("does not escalate a milestone that is not active", () => {
    expect(decideEscalation(fold(plan, []), failing, a)).toEqual([]);
  });
});
