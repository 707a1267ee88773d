import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import { readFixture } from "./read-fixture.js";

const FILE = ".milestones/active/auth-legacy.yaml";

describe("plans in the original protocol's shape", () => {
  it("load, with state fields reported as derived and ignored", () => {
    const { plan, issues } = parsePlan(readFixture("legacy/active/auth-legacy.yaml"), FILE);
    expect(issues.every((issue) => issue.severity === "warning")).toBe(true);
    expect(issues[0]).toMatchObject({
      line: 2,
      column: 1,
      code: "legacy-file",
      hint: `run \`phasegate migrate ${FILE}\` to add \`version: 1\``,
    });
    expect(plan!.derived.map((d) => d.path)).toEqual([
      "status",
      "progress",
      "execution",
      "blockers",
      "tasks[0].status",
      "tasks[0].started_at",
      "tasks[0].completed_at",
      "tasks[0].kiro_workflow.current_phase",
      "tasks[0].kiro_workflow.phases.design.status",
      "tasks[0].kiro_workflow.phases.design.approved_by",
      "tasks[0].kiro_workflow.phases.spec.status",
      "tasks[0].kiro_workflow.phases.task.status",
      "tasks[0].kiro_workflow.phases.execute.status",
      "tasks[1].status",
      "tasks[2].status",
      "tasks[2].kiro_workflow.current_phase",
    ]);
    expect(plan!.derived[0]).toEqual({ path: "status", line: 7, column: 1 });
    const derived = issues.filter((i) => i.code === "derived-field");
    expect(derived[0]).toMatchObject({
      line: 7,
      column: 1,
      message:
        "legacy state fields `status`, `progress`, `execution`, `blockers` are derived from the event log; ignored",
    });
  });

  it("mark tasks without `kiro_workflow.enabled: true` not compliant and point to migrate", () => {
    const { plan, issues } = parsePlan(readFixture("legacy/active/auth-legacy.yaml"), FILE);
    expect(plan!.tasks.map((t) => [t.id, t.compliant])).toEqual([
      ["T1", true],
      ["T2", false],
      ["T3", false],
    ]);
    const warnings = issues.filter((i) => i.code === "not-compliant");
    expect(warnings.map((w) => [w.line, w.column, w.path])).toEqual([
      [45, 5, "tasks[1]"],
      [55, 16, "tasks[2].kiro_workflow.enabled"],
    ]);
    expect(warnings[0]!.hint).toBe(`run \`phasegate migrate ${FILE}\``);
  });

  it("apply the phase settings the original file wrote", () => {
    const { plan } = parsePlan(readFixture("legacy/active/auth-legacy.yaml"), FILE);
    expect(plan!.tasks[0]!.phases.map((p) => p.approvalRequired)).toEqual([true, true, false, true]);
  });

  it("load fully compliant when every task enables the workflow", () => {
    const { plan } = parsePlan(
      readFixture("legacy/active/search-legacy.yaml"),
      ".milestones/active/search-legacy.yaml",
    );
    expect(plan!.tasks.every((t) => t.compliant)).toBe(true);
    expect(plan!.requires).toEqual(["auth-legacy"]);
  });

  it.each([
    ["version 1, kiro_workflow omitted", "version: 1\n", "", true],
    ["version 1, enabled: true", "version: 1\n", "    kiro_workflow: { enabled: true }\n", true],
    ["version 1, enabled: false", "version: 1\n", "    kiro_workflow: { enabled: false }\n", false],
    ["legacy, kiro_workflow omitted", "", "", false],
    ["legacy, phases but no enabled", "", "    kiro_workflow: { phases: {} }\n", false],
    ["legacy, enabled: true", "", "    kiro_workflow: { enabled: true }\n", true],
  ])("%s → compliant %s", (_name, version, workflow, compliant) => {
    const text = `${version}id: c\ntitle: C\ntasks:\n  - id: T1\n    title: A\n${workflow}`;
    const { plan, issues } = parsePlan(text, "c.yaml");
    expect(plan!.tasks[0]!.compliant).toBe(compliant);
    expect(issues.some((i) => i.code === "not-compliant")).toBe(!compliant);
  });

  it("take a missing id from the file name, with a warning", () => {
    const { plan, issues } = parsePlan(
      "title: No id\ntasks: [{ id: T1, title: A, kiro_workflow: { enabled: true } }]\n",
      ".milestones/active/no-id.yaml",
    );
    expect(plan!.id).toBe("no-id");
    expect(issues.map((i) => i.message)).toContain("no `id`: taken from the file name (`no-id`)");
  });

  it("still require every other rule", () => {
    const { plan, issues } = parsePlan(
      "id: bad\ntitle: B\nstatus: planned\ntasks: [{ id: T1, title: A, dependencies: [T9] }]\n",
      "bad.yaml",
    );
    expect(plan).toBeUndefined();
    expect(issues[0]).toMatchObject({ code: "unknown-dependency", severity: "error" });
  });
});
