import { describe, expect, it } from "vitest";
import type { NewEvent } from "../../../core/events/event.js";
import { fold } from "../../../core/events/fold.js";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import { decideMergeGate, taskGatePhase, type MergeGatePull } from "../../../core/rules/decide-merge-gate.js";
import { buildLog } from "../../helpers/log-builder.js";
import { makePlan, makeTask } from "../../helpers/make-plan.js";

const plan = makePlan([
  makeTask("T1", [], { paths: ["src/auth/**", "/docs/auth.md"] }),
  makeTask("T2", ["T1"], { paths: ["src/billing/"] }),
]);

const started = (task: string, ...phases: string[]): NewEvent[] => [
  { event: "phase_started", actor: "bob", task_id: task, phase: "design" },
  ...phases.flatMap((phase, i): NewEvent[] => [
    ...(phase === "design" || phase === "spec"
      ? [
          {
            event: "phase_approved" as const,
            actor: "alice",
            task_id: task,
            phase,
            details: { role: "approver", digest: `d-${phase}`, commit: null, tree: null, via: "cli" },
          },
        ]
      : []),
    { event: "phase_completed", actor: "phasegate", task_id: task, phase },
    ...(["spec", "task", "execute"][i]
      ? [{ event: "phase_started" as const, actor: "phasegate", task_id: task, phase: ["spec", "task", "execute"][i] }]
      : []),
  ]),
];

function judge(events: NewEvent[], pull: Partial<MergeGatePull>, headDigests: Record<string, string> = {}) {
  const state = fold(plan, buildLog("m1", [{ event: "milestone_activated", actor: "alice" }, ...events]).events);
  return decideMergeGate({ number: 7, sha: "a".repeat(40), changedFiles: [], ...pull }, [
    { plan, state, headDigests: new Map(Object.entries(headDigests)) },
  ]);
}

describe("decideMergeGate", () => {
  it.each<[string, NewEvent[], Partial<MergeGatePull>, string[]]>([
    ["a file under a task's paths before its Task gate", started("T1"), { changedFiles: ["src/auth/a/b.ts"] }, ["T1"]],
    ["a task not started", [], { changedFiles: ["src/billing/pay.ts"] }, ["T2"]],
    [
      "after design and spec, before task",
      started("T1", "design", "spec"),
      { changedFiles: ["src/auth/x.ts"] },
      ["T1"],
    ],
    ["after the Task gate", started("T1", "design", "spec", "task"), { changedFiles: ["src/auth/x.ts"] }, []],
    ["an anchored pattern elsewhere", started("T1"), { changedFiles: ["web/docs/auth.md"] }, []],
    ["an anchored pattern at the root", started("T1"), { changedFiles: ["docs/auth.md"] }, ["T1"]],
    ["a folder pattern covers what is beneath", [], { changedFiles: ["src/billing/deep/x.ts"] }, ["T2"]],
    [
      "the plan and log files are not code",
      [],
      { changedFiles: [".milestones/m1.yaml", ".milestones/logs/m1.jsonl"] },
      [],
    ],
    [
      "the linked pull request, whatever it changes",
      started("T1"),
      { changedFiles: ["lib/x.ts"], link: { milestone: "m1", task: "T1", via: "closes #3" } },
      ["T1"],
    ],
    [
      "the linked pull request carrying only its planning documents",
      started("T1"),
      { changedFiles: [".kiro/specs/t1/design.md"], link: { milestone: "m1", task: "T1", via: "closes #3" } },
      [],
    ],
    [
      "a link to another milestone's task",
      started("T1"),
      { changedFiles: ["lib/x.ts"], link: { milestone: "m2", task: "T1", via: "closes #3" } },
      [],
    ],
  ])("%s", (_, events, pull, held) => {
    const decision = judge(events, pull);
    expect(decision.blocks.filter((b) => b.kind === "task-gate").map((b) => b.task)).toEqual(held);
    expect(decision.passed).toBe(held.length === 0);
  });

  it("holds an approved deliverable changed to content no approval saw, and not when the head's digest was approved", () => {
    const events = started("T1", "design");
    const pull = { changedFiles: [".kiro/specs/t1/design.md"] };
    expect(judge(events, pull).blocks).toEqual([
      {
        kind: "approved-deliverable",
        milestone: "m1",
        task: "T1",
        phase: "design",
        files: [".kiro/specs/t1/design.md"],
        approvedBy: ["alice"],
      },
    ]);
    expect(judge(events, pull, { "T1/design": "other" }).passed).toBe(false);
    expect(judge(events, pull, { "T1/design": "d-design" }).passed).toBe(true);
  });

  it("passes with an override of this head in the log, and not for another head or pull request", () => {
    const override = (pr: number, sha: string): NewEvent => ({
      event: "gate_overridden",
      actor: "dana",
      details: { pr, sha, reason: "outage" },
    });
    const pull = { changedFiles: ["src/auth/x.ts"] };
    const mine = judge([...started("T1"), override(7, "a".repeat(40))], pull);
    expect(mine).toMatchObject({
      passed: true,
      overrides: [{ milestone: "m1", override: { by: "dana", reason: "outage" } }],
    });
    expect(judge([...started("T1"), override(7, "b".repeat(40))], pull).passed).toBe(false);
    expect(judge([...started("T1"), override(8, "a".repeat(40))], pull).passed).toBe(false);
  });

  it("takes the phase named task as the Task gate, else the one before the last", () => {
    expect(taskGatePhase(plan.tasks[0]!)?.id).toBe("task");
    const custom = makeTask("C", [], { phases: plan.tasks[0]!.phases.filter((p) => p.id !== "task") });
    expect(taskGatePhase(custom)?.id).toBe("spec");
    expect(taskGatePhase(makeTask("S", [], { phases: plan.tasks[0]!.phases.slice(0, 1) }))).toBeUndefined();
  });
});

describe("task paths in the plan", () => {
  const withPaths = (paths: string) =>
    `version: 1\nid: m1\ntitle: M\ntasks:\n  - id: T1\n    title: One\n    paths: ${paths}\n`;

  it.each([
    ["../secrets/**", "has an empty, `.` or `..` segment"],
    ["src/../../etc/passwd", "has an empty, `.` or `..` segment"],
    ["src/./x", "has an empty, `.` or `..` segment"],
    ["'!src/keep'", "negates with `!`"],
    ["'src/[ab].ts'", "uses `[ ]` ranges"],
    ["'C:/x'", "is absolute"],
    ["'.git/hooks/**'", "points into `.git/`"],
    ["'src\\x'", "uses backslashes"],
    ["''", "is empty"],
  ])("refuses %s", (pattern, message) => {
    const { plan: parsed, issues } = parsePlan(withPaths(`[${pattern}]`), ".milestones/m1.yaml");
    expect(parsed).toBeUndefined();
    expect(issues.find((i) => i.severity === "error")?.message).toContain(message);
  });

  it("keeps valid patterns as written", () => {
    const { plan: parsed } = parsePlan(withPaths("[src/auth/**, /docs/auth.md, '*.proto']"), ".milestones/m1.yaml");
    expect(parsed?.tasks[0]?.paths).toEqual(["src/auth/**", "/docs/auth.md", "*.proto"]);
  });
});
