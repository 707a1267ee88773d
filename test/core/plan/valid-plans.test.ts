import { describe, expect, it } from "vitest";
import { getPlan, parsePlan } from "../../../core/plan/parse-plan.js";
import { PlanError } from "../../../core/plan/plan-error.js";
import { KIRO_PRESET } from "../../../core/plan/presets.js";
import { readFixture } from "./read-fixture.js";

describe("valid plans", () => {
  it("fills every default in a minimal plan", () => {
    const { plan, issues } = parsePlan(readFixture("valid/minimal.yaml"), ".milestones/minimal.yaml");
    expect(issues).toEqual([]);
    expect(plan).toMatchObject({
      file: ".milestones/minimal.yaml",
      version: 1,
      id: "minimal",
      title: "Minimal milestone",
      description: "",
      requires: [],
      branch: "milestone/minimal",
      approvers: [],
      workflow: "kiro",
      settings: {
        allowSelfApproval: false,
        minApproverPermission: "write",
        checkpointMinChanges: 10,
        claimTtlMs: 4 * 3_600_000,
        autoStart: true,
      },
      derived: [],
    });
    expect(plan!.due).toBeUndefined();
    expect(plan!.settings.testCommand).toBeUndefined();
    const task = plan!.tasks[0]!;
    expect(task).toMatchObject({
      id: "T1",
      description: "",
      dependencies: [],
      assignees: [],
      approvers: [],
      spec: "the-only-task",
      compliant: true,
    });
    expect(task.phases.map((p) => [p.id, p.weight, p.approvalRequired])).toEqual([
      ["design", 15, true],
      ["spec", 25, true],
      ["task", 20, false],
      ["execute", 40, true],
    ]);
    expect(task.phases[0]!.deliverables).toEqual([
      {
        kind: "file",
        path: ".kiro/specs/the-only-task/design.md",
        checks: {
          exists: true,
          notEmpty: true,
          headings: [],
          noPlaceholders: true,
          checklistComplete: false,
          hasChecklist: false,
          requirements: false,
          requirementsCovered: false,
          sourceItem: false,
        },
      },
    ]);
    expect(task.phases[3]!.deliverables).toEqual([
      {
        kind: "file",
        path: ".kiro/specs/the-only-task/tasks.md",
        checks: expect.objectContaining({ checklistComplete: true }),
      },
      { kind: "signal", signal: "ci_green" },
    ]);
  });

  it("reads every field of a full plan", () => {
    const plan = getPlan(readFixture("valid/full.yaml"), ".milestones/full.yaml");
    expect(plan).toMatchObject({
      description: "Replace sessions with short-lived tokens.\n",
      due: "2026-12-31",
      requires: ["infra-base", "2026.1"],
      branch: "release/auth-v2",
      approvers: ["alice", "@acme/security"],
      settings: {
        allowSelfApproval: true,
        minApproverPermission: "maintain",
        checkpointMinChanges: 25,
        claimTtlMs: 90 * 60_000,
        autoStart: true,
        testCommand: ["npm", "run", "test"],
      },
    });
    const [t1, t2, t3] = plan.tasks;
    expect(t1).toMatchObject({
      id: "T1",
      assignees: ["bob"],
      approvers: ["carol"],
      spec: "token-service",
      compliant: true,
    });
    const design = t1!.phases[0]!;
    expect(design).toMatchObject({
      approvalRequired: false,
      timeLimitMs: 2 * 86_400_000,
      onChange: "keep",
      weight: 15,
    });
    expect(design.deliverables).toEqual([
      {
        kind: "file",
        path: "docs/design/token-service.md",
        checks: expect.objectContaining({ notEmpty: true, noPlaceholders: true, headings: [] }),
      },
      {
        kind: "file",
        path: "docs/design/threat-model.md",
        checks: expect.objectContaining({
          notEmpty: true,
          noPlaceholders: false,
          headings: ["Threats", "Mitigations"],
        }),
      },
    ]);
    expect(t1!.phases[1]).toEqual({
      ...KIRO_PRESET.phases[1],
      approval: { groups: [{ count: 1, from: [{ kind: "user", login: "carol" }] }], source: "task T1's approvers" },
      deliverables: [expect.objectContaining({ path: ".kiro/specs/token-service/requirements.md" })],
    });
    expect(t1!.phases[3]!.deliverables).toEqual([{ kind: "signal", signal: "pr_merged" }]);
    // `id: 1.2` is a number to YAML; the id keeps the text as written.
    expect(t2).toMatchObject({
      id: "1.2",
      spec: "session-migration-uber-fast",
      approvers: ["alice", "@acme/security"],
      dependencies: ["T1"],
    });
    expect(t3!.dependencies).toEqual(["T1", "1.2"]);
    expect(t3!.phases.map((p) => p.weight)).toEqual([10, 25, 20, 45]);
  });

  it("reads an inline workflow and fills placeholders per task", () => {
    const plan = getPlan(readFixture("valid/custom-workflow.yaml"), ".milestones/custom-workflow.yaml");
    expect(plan.workflow).toBe("custom");
    const [d1, d2] = plan.tasks;
    expect(d1!.phases.map((p) => [p.id, p.title, p.weight, p.approvalRequired, p.timeLimitMs])).toEqual([
      ["draft", "Draft", 30, false, undefined],
      ["review", "Peer review", 30, true, 3 * 86_400_000],
      ["publish", "Publish", 40, false, undefined],
    ]);
    expect(d1!.phases[0]!.deliverables).toEqual([
      {
        kind: "file",
        path: "docs/getting-started-guide/draft.md",
        checks: expect.objectContaining({ notEmpty: true }),
      },
    ]);
    expect(d1!.phases[1]!.deliverables[0]).toMatchObject({
      path: "docs/getting-started-guide/draft.md",
      checks: { headings: ["Summary"], checklistComplete: true },
    });
    expect(d2!.phases[1]!.approvalRequired).toBe(false);
    expect(d2!.phases[1]!.deliverables[0]).toMatchObject({ path: "docs/api-reference/draft.md" });
  });

  it("loads the example plan the lead ships", () => {
    const text = readFixture("../../../examples/auth-v2/.milestones/auth-v2.yaml");
    const { plan, issues } = parsePlan(text, ".milestones/auth-v2.yaml");
    expect(issues).toEqual([]);
    expect(plan!.tasks.map((t) => t.spec)).toEqual([
      "token-service",
      "session-migration",
      "admin-audit-log",
      "rollout-and-docs",
    ]);
  });

  it("getPlan throws a PlanError with every issue, errors first", () => {
    const text = readFixture("invalid/unknown-dependency.yaml");
    expect(() => getPlan(text, ".milestones/unknown-dependency.yaml")).toThrow(PlanError);
    try {
      getPlan(text, ".milestones/unknown-dependency.yaml");
    } catch (error) {
      expect((error as PlanError).issues).toHaveLength(2);
      expect((error as PlanError).message).toContain(
        ".milestones/unknown-dependency.yaml:9:20: error: task `T2` depends on `T3`",
      );
    }
  });

  it.each([
    ["Token Service (v2)", "token-service-v2"],
    ["Crème brûlée für Straße", "creme-brulee-fur-strasse"],
    ["日本語のタイトル", "t1"],
  ])("derives the spec folder of %j as %s", (title, spec) => {
    const text = `version: 1\nid: specs\ntitle: Specs\ntasks:\n  - id: T1\n    title: ${JSON.stringify(title)}\n`;
    expect(getPlan(text, ".milestones/specs.yml").tasks[0]!.spec).toBe(spec);
  });

  it("keeps two tasks with the same title in separate spec folders, and warns when specs are shared on purpose", () => {
    const text =
      "version: 1\nid: specs\ntitle: Specs\ntasks:\n  - { id: T1, title: Docs }\n  - { id: T2, title: Docs }\n  - { id: T3, title: Other, spec: docs }\n";
    const { plan, issues } = parsePlan(text, ".milestones/specs.yaml");
    expect(plan!.tasks.map((t) => t.spec)).toEqual(["docs", "docs-t2", "docs"]);
    expect(issues).toEqual([
      expect.objectContaining({ severity: "warning", code: "shared-spec", line: 7, column: 35, path: "tasks[2].spec" }),
    ]);
  });

  it("splits a test command string on whitespace and keeps a list as the argv", () => {
    const withList =
      "version: 1\nid: cmd\ntitle: C\nsettings: { test_command: [node, 'my tests.mjs'] }\ntasks: [{ id: T1, title: A }]\n";
    expect(getPlan(withList, "cmd.yaml").settings.testCommand).toEqual(["node", "my tests.mjs"]);
  });
});
