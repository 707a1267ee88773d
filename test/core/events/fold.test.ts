import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EVENT_NAMES, type NewEvent } from "../../../core/events/event.js";
import { fold, StateFolder } from "../../../core/events/fold.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";
import { propertyRuns } from "../../helpers/property-runs.js";

const plan = makePlan([makeTask("T1"), makeTask("T2", ["T1"]), makeTask("T3")]);
const a = "alice";
const phases = (task: string, ids: string[]): NewEvent[] =>
  ids.flatMap((phase) => [
    { event: "phase_started", actor: a, task_id: task, phase },
    { event: "phase_completed", actor: a, task_id: task, phase },
  ]);

describe("fold", () => {
  it("a checkpoint whose commit did not reach the branch gives the last checkpoint back to the one before", () => {
    const made = (commit: string, files: number): NewEvent => ({
      event: "auto_commit",
      actor: a,
      details: { commit, files_changed: files },
    });
    const lost = (commit: string, before: { commit: string; at: string; files: number } | null): NewEvent => ({
      event: "auto_commit",
      actor: a,
      details: { commit, reached_branch: false, reason: "moved", files_changed: 0, last_checkpoint: before },
    });
    const first = buildLog("m1", [made("c1", 3)]).events[0];
    const before = { commit: "c1", at: first?.timestamp ?? "", files: 3 };
    const state = (events: NewEvent[]) => fold(plan, buildLog("m1", events).events).lastCheckpoint;
    expect(state([made("c1", 3), made("c2", 5), lost("c2", before)])).toEqual(before);
    expect(state([made("c2", 5), lost("c2", null)])).toBeUndefined();
    // One that names another commit than the last checkpoint changes nothing.
    expect(state([made("c1", 3), lost("c0", null)])).toEqual(before);
  });

  it("starts planned with every task pending or ready", () => {
    const s = fold(plan, []);
    expect(s.status).toBe("planned");
    expect(s.tasks.map((t) => t.status)).toEqual(["ready", "pending", "ready"]);
    expect(s.progress).toBe(0);
  });

  it.each([
    ["activation", [{ event: "milestone_activated", actor: a }], "in_progress"],
    [
      "pause",
      [
        { event: "milestone_activated", actor: a },
        { event: "milestone_paused", actor: a },
      ],
      "paused",
    ],
    [
      "escalation",
      [
        { event: "milestone_activated", actor: a },
        { event: "blockers_escalated", actor: a, details: { blockers: [] } },
      ],
      "blocked",
    ],
    [
      "resume after escalation",
      [
        { event: "milestone_activated", actor: a },
        { event: "blockers_escalated", actor: a },
        { event: "milestone_resumed", actor: a },
      ],
      "in_progress",
    ],
    [
      "completion",
      [
        { event: "milestone_activated", actor: a },
        { event: "milestone_completed", actor: a },
      ],
      "completed",
    ],
  ] as [string, NewEvent[], string][])("milestone status after %s", (_n, events, status) => {
    expect(fold(plan, buildLog("m1", events).events).status).toBe(status);
  });

  it("weights progress by completed phases: design and spec done is 40 %", () => {
    const s = fold(
      plan,
      buildLog("m1", [{ event: "milestone_activated", actor: a }, ...phases("T1", ["design", "spec"])]).events,
    );
    expect(s.tasks[0]?.progress).toBe(40);
    expect(s.progress).toBeCloseTo(40 / 3);
  });

  it("a task completed makes its dependants ready", () => {
    const events = [
      ...phases("T1", ["design", "spec", "task", "execute"]),
      { event: "kiro_task_completed", actor: a, task_id: "T1" } as NewEvent,
    ];
    const s = fold(plan, buildLog("m1", events).events);
    expect(s.tasks.map((t) => [t.id, t.status, t.progress])).toEqual([
      ["T1", "completed", 100],
      ["T2", "ready", 0],
      ["T3", "ready", 0],
    ]);
  });

  it("records approvals with what they saw, and a rejection clears them", () => {
    const approve: NewEvent = {
      event: "phase_approved",
      actor: "bob",
      task_id: "T1",
      phase: "design",
      details: { role: "approver", commit: "c1", tree: "t1", digest: "d1" },
    };
    const s1 = fold(
      plan,
      buildLog("m1", [{ event: "phase_started", actor: a, task_id: "T1", phase: "design" }, approve]).events,
    );
    expect(s1.tasks[0]?.phases[0]?.approvals).toMatchObject([{ by: "bob", commit: "c1", tree: "t1", digest: "d1" }]);
    const s2 = fold(
      plan,
      buildLog("m1", [
        { event: "phase_started", actor: a, task_id: "T1", phase: "design" },
        approve,
        { event: "phase_rejected", actor: "carol", task_id: "T1", phase: "design", details: { reason: "no" } },
      ]).events,
    );
    expect(s2.tasks[0]?.phases[0]).toMatchObject({ approvals: [], rejections: [{ by: "carol", reason: "no" }] });
  });

  it("tracks blockers by id: detected once, resolved by id", () => {
    const events: NewEvent[] = [
      {
        event: "blocker_detected",
        actor: a,
        details: { blocker_id: "test_failures", type: "test_failures", message: "npm test failed" },
      },
      {
        event: "blocker_detected",
        actor: a,
        details: { blocker_id: "test_failures", type: "test_failures", message: "again" },
      },
      {
        event: "task_dependency_blocker",
        actor: a,
        task_id: "T2",
        details: { blocker_id: "task_dependency:T2:T1", type: "task_dependency", message: "m" },
      },
      { event: "blocker_resolved", actor: a, details: { blocker_id: "test_failures" } },
    ];
    expect(fold(plan, buildLog("m1", events).events).blockers.map((b) => b.id)).toEqual(["task_dependency:T2:T1"]);
  });

  it("ignores events for tasks or phases the plan no longer has, and says so", () => {
    const s = fold(
      plan,
      buildLog("m1", [
        { event: "phase_started", actor: a, task_id: "T9", phase: "design" },
        { event: "phase_started", actor: a, task_id: "T1", phase: "qa" },
      ]).events,
    );
    expect(s.ignored.map((i) => i.seq)).toEqual([1, 2]);
    expect(s.tasks[0]?.status).toBe("ready");
  });

  it("a snapshot never changes when the folder goes on", () => {
    const log = buildLog("m1", [
      { event: "milestone_activated", actor: a },
      ...phases("T1", ["design", "spec", "task", "execute"]),
      { event: "kiro_task_completed", actor: a, task_id: "T1" },
      { event: "blocker_detected", actor: a, details: { blocker_id: "x", type: "test_failures", message: "m" } },
    ]).events;
    const folder = new StateFolder(plan);
    folder.apply(log[0]!);
    folder.apply(log[1]!);
    const early = folder.state();
    const frozen = structuredClone(early);
    for (const e of log.slice(2)) folder.apply(e);
    const late = folder.state();
    expect(early).toEqual(frozen);
    expect(late.tasks.map((t) => t.status)).toEqual(["completed", "ready", "ready"]);
    expect(late).toEqual(fold(plan, log));
  });

  it("is deterministic and total on arbitrary event sequences", () => {
    const event = fc.record({
      event: fc.constantFrom(...EVENT_NAMES),
      actor: fc.constantFrom("alice", "bob"),
      task_id: fc.option(fc.constantFrom("T1", "T2", "T3", "T9"), { nil: undefined }),
      phase: fc.option(fc.constantFrom("design", "spec", "task", "execute", "x"), { nil: undefined }),
      details: fc.dictionary(fc.constantFrom("reason", "blocker_id", "expires_at", "digest"), fc.string()),
    });
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const log = buildLog("m1", events as NewEvent[]).events;
        const s1 = fold(plan, log);
        expect(fold(plan, log)).toEqual(s1);
        expect(s1.progress).toBeGreaterThanOrEqual(0);
        expect(s1.progress).toBeLessThanOrEqual(100);
      }),
      propertyRuns(300),
    );
  });
});
