import { describe, expect, it } from "vitest";
import type { NewEvent } from "../../../core/events/event.js";
import { fold } from "../../../core/events/fold.js";
import type { Blocker } from "../../../core/events/state.js";
import type { Phase } from "../../../core/plan/plan.js";
import { toPrincipal, type ApprovalRule } from "../../../core/plan/approval-rule.js";
import { parseCodeowners } from "../../../core/rules/codeowners.js";
import { decideEscalation } from "../../../core/rules/decide-escalation.js";
import { escalationOwners, MAX_OWNERS } from "../../../core/rules/escalation-owners.js";
import { buildLog } from "../../helpers/log-builder.js";
import { kiroPhases, makePlan, makeTask } from "../../helpers/make-plan.js";

const rule = (source: string, ...groups: [number, string[]][]): ApprovalRule => ({
  source,
  groups: groups.map(([count, from]) => ({ count, from: from.map(toPrincipal) })),
});
const withRule = (spec: string, approval: ApprovalRule): Phase[] =>
  kiroPhases(spec).map((p) => (p.id === "design" ? { ...p, approval } : p));

const plan = makePlan(
  [
    makeTask("T1", [], {
      assignees: ["bob"],
      phases: withRule("t1", rule("task T1's approval", [1, ["@acme/security"]], [2, ["@acme/core", "dave"]])),
    }),
    makeTask("T2", [], {
      assignees: ["erin"],
      phases: withRule("t2", rule("task T2's approval", [1, ["codeowners"]])),
    }),
    makeTask("T3", [], { assignees: ["frank"] }),
  ],
  { approvers: ["alice"] },
);
const a = "alice";
const started: NewEvent[] = [
  { event: "milestone_activated", actor: a },
  { event: "phase_started", actor: a, task_id: "T1", phase: "design" },
  { event: "phase_started", actor: a, task_id: "T2", phase: "design" },
];
const state = fold(plan, buildLog("m1", started).events);
const codeowners = parseCodeowners("* @alice\n.kiro/specs/t2/ @acme/docs grace someone@example.com\n");
const blocker = (id: string, taskId?: string): Blocker => ({
  id,
  type: taskId ? "long_running_task" : "test_failures",
  message: id,
  ...(taskId && { taskId }),
});

describe("escalationOwners", () => {
  it("a task's blocker: its assignees and whoever its waiting gate's rule names (people and teams)", () => {
    expect(escalationOwners(plan, state, [blocker("b", "T1")], codeowners)).toEqual([
      "bob",
      "@acme/security",
      "@acme/core",
      "dave",
    ]);
  });

  it("a `codeowners` gate: the owners CODEOWNERS gives its deliverables (emails cannot be mentioned)", () => {
    expect(escalationOwners(plan, state, [blocker("b", "T2")], codeowners)).toEqual(["erin", "@acme/docs"]);
  });

  it("a blocker of the whole milestone: whoever could approve any waiting gate, each once", () => {
    expect(escalationOwners(plan, state, [blocker("t"), blocker("b", "T1")], codeowners)).toEqual([
      "bob",
      "@acme/security",
      "@acme/core",
      "dave",
      "@acme/docs",
    ]);
  });

  it("no gate waits: the plan's approvers, as before", () => {
    const quiet = fold(plan, buildLog("m1", [started[0]!]).events);
    expect(escalationOwners(plan, quiet, [blocker("t")], codeowners)).toEqual(["alice"]);
  });

  it("bounded, whatever the rule lists", () => {
    const many = Array.from({ length: 60 }, (_, i) => `user${i}`);
    const big = makePlan([makeTask("T1", [], { phases: withRule("t1", rule("x", [1, many])) })]);
    const s = fold(big, buildLog("m1", started.slice(0, 2)).events);
    expect(escalationOwners(big, s, [blocker("b", "T1")], [])).toHaveLength(MAX_OWNERS);
  });
});

describe("decideEscalation records whom it asks", () => {
  it("owners go into blockers_escalated, and only when there are any", () => {
    const fresh = [blocker("t")];
    const named = decideEscalation(state, fresh, a, (b) => escalationOwners(plan, state, b, codeowners));
    expect(named.at(-1)).toMatchObject({ event: "blockers_escalated", details: { blockers: ["t"] } });
    expect(named.at(-1)?.details?.owners).toContain("@acme/security");
    expect(decideEscalation(state, fresh, a, () => []).at(-1)?.details).toEqual({ blockers: ["t"] });
  });
});
