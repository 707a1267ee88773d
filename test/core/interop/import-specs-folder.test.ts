import { describe, expect, it } from "vitest";
import { importSpecsFolder } from "../../../core/interop/import-specs-folder.js";
import { appendPlanTasks } from "../../../core/plan/append-plan-tasks.js";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import type { Plan } from "../../../core/plan/plan.js";

const md = (...lines: string[]) => lines.join("\n") + "\n";
const REQ = md(
  "# Requirements Document",
  "",
  "### Requirement 1: Log in",
  "",
  "#### Acceptance Criteria",
  "",
  "1. WHEN x THEN y",
);
const KIRO = {
  "1-auth": { "requirements.md": REQ, "design.md": "# Design\n", "tasks.md": md("- [x] 1. A", "- [ ] 2. B") },
  "2-billing": { "requirements.md": REQ + "\n**Depends on**: Spec 1\n", "tasks.md": "- [x] 1. A\n" },
  payments: {
    "spec.md": "# Feature Specification: Payments\n\n**Depends On**: `2-billing`\n",
    "spec.json": JSON.stringify({
      phase: "tasks-generated",
      approvals: { requirements: { generated: true, approved: true }, design: { generated: true, approved: false } },
    }),
    ".config.kiro": JSON.stringify({ specId: "4f1c", workflowType: "requirements-first", specType: "feature" }),
  },
};

function planOf(yaml: string): Plan {
  const id = /^id: (.+)$/m.exec(yaml)?.[1] ?? "x";
  const { plan, issues } = parsePlan(yaml, `.milestones/${id}.yaml`);
  expect(issues).toEqual([]);
  return plan!;
}

describe("importSpecsFolder", () => {
  const result = importSpecsFolder({ folder: ".kiro/specs", specs: KIRO });
  const plan = planOf(result.yaml);

  it.each([
    ["1-auth", "1-auth", "", "Auth"],
    ["2-billing", "2-billing", "1-auth", "Billing"],
    ["payments", "payments", "2-billing", "Payments"],
  ])("%s: spec %s, depends on [%s], title %s", (id, spec, deps, title) => {
    const task = plan.tasks.find((t) => t.id === id)!;
    expect([task.spec, task.dependencies.join(","), task.title]).toEqual([spec, deps, title]);
  });

  it("uses the kiro preset under .kiro/specs and overrides only a spec whose document differs", () => {
    expect(result.yaml).toContain("workflow: kiro\n");
    expect(result.yaml).toContain("- .kiro/specs/payments/spec.md\n");
    expect(result.yaml.match(/kiro_workflow:/g)).toHaveLength(1);
    expect(result.id).toBe("kiro-specs");
  });

  it("shows the tools' claims in the description, never as approvals", () => {
    const task = plan.tasks.find((t) => t.id === "payments")!;
    expect(task.description).toContain("cc-sdd says: phase tasks-generated; requirements approved, design generated");
    expect(task.description).toContain("Kiro says: spec id 4f1c, requirements-first feature (.config.kiro)");
    expect(plan.tasks.find((t) => t.id === "1-auth")!.description).toContain("1 of 2 boxes ticked at import");
  });

  it.each([
    [
      "specs",
      { "001-a": { "spec.md": "# A\n", "plan.md": "# P\n", "tasks.md": "- [ ] T001 X\n" } },
      "specs/{spec}/spec.md",
      "specs/{spec}/plan.md",
    ],
    [
      ".spec-workflow/specs",
      { x: { "requirements.md": REQ, "design.md": "# D\n" } },
      ".spec-workflow/specs/{spec}/requirements.md",
      ".spec-workflow/specs/{spec}/design.md",
    ],
  ])("%s: the preset's phases inline with the folder's paths", (folder, specs, spec, design) => {
    const yaml = importSpecsFolder({ folder, specs }).yaml;
    planOf(yaml);
    expect(yaml).toContain(spec);
    expect(yaml).toContain(design);
    expect(yaml).not.toContain("workflow: kiro");
  });

  it("drops a dependency that would close a cycle, with a warning", () => {
    const specs = { a: { "spec.md": "Depends on: b\n" }, b: { "spec.md": "Depends on: a\n" } };
    const out = importSpecsFolder({ folder: "specs", specs });
    expect(out.warnings).toEqual(["specs/b/spec.md:1: dependency on a dropped, it would close a cycle"]);
  });

  it("refuses a folder without spec folders", () => {
    expect(() => importSpecsFolder({ folder: "specs", specs: {} })).toThrow(/no spec folders/);
  });
});

describe("re-import", () => {
  it("adds the new spec's task and touches no other line of the plan (comments kept)", () => {
    const first = importSpecsFolder({ folder: ".kiro/specs", specs: { "1-auth": KIRO["1-auth"] } });
    const edited = first.yaml.replace("title: Specs in .kiro/specs", "title: Ours # renamed by hand");
    const again = importSpecsFolder({ folder: ".kiro/specs", specs: KIRO });
    const fresh = again.tasks.filter((t) => t.spec !== "1-auth");
    const out = appendPlanTasks(edited, fresh)!;
    expect(out.startsWith(edited)).toBe(true);
    const added = out.slice(edited.length).split("\n").filter(Boolean);
    expect(added[0]).toBe("  - id: 2-billing");
    expect(added.every((line) => line.startsWith("    ") || line.startsWith("  - "))).toBe(true);
    expect(planOf(out).tasks.map((t) => t.id)).toEqual(["1-auth", "2-billing", "payments"]);
  });

  it.each([
    ["a flow list", "version: 1\nid: x\ntitle: X\ntasks: [{ id: a, title: A }]\n"],
    ["no tasks", "version: 1\nid: x\ntitle: X\n"],
  ])("gives up on %s", (_, text) => {
    expect(appendPlanTasks(text, [{ id: "b", title: "B" }])).toBeUndefined();
  });

  it("keeps CRLF and a comment after the last task in place", () => {
    const text = "tasks:\r\n  - id: a\r\n    title: A # mine\r\n# end\r\n";
    expect(appendPlanTasks(text, [{ id: "b", title: "B" }])).toBe(
      "tasks:\r\n  - id: a\r\n    title: A # mine\r\n  - id: b\r\n    title: B\r\n# end\r\n",
    );
  });
});
