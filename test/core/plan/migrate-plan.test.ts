import { describe, expect, it } from "vitest";
import { migratePlan } from "../../../core/plan/migrate-plan.js";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import { readFixture } from "./read-fixture.js";

const FILE = ".milestones/active/auth-legacy.yaml";

/** Migrating must leave a plan that parses with no issue at all, and migrating again must change nothing. */
function expectClean(text: string, file: string): void {
  expect(parsePlan(text, file).issues).toEqual([]);
  expect(migratePlan(text, file)).toEqual({ text, changed: [], removed: [] });
}

describe("migratePlan", () => {
  it("turns an original-protocol file into a compliant version 1 plan, keeping its layout and comments", () => {
    const before = readFixture("legacy/active/auth-legacy.yaml");
    const { text, changed, removed } = migratePlan(before, FILE);
    expect(changed).toEqual([
      "added `version: 1`",
      "tasks[1] (T2): set `kiro_workflow.enabled: true`",
      "tasks[2] (T3): set `kiro_workflow.enabled: true`",
      "removed 16 derived state fields (`status`, `execution`, `progress`, `blockers`, `started_at`, `completed_at`, `current_phase`, `approved_by`)",
    ]);
    expect(removed).toContainEqual({
      path: "progress",
      value: { percentage: 40, tasks_completed: 1, last_update: "2025-01-12T17:30:00Z" },
    });
    expect(removed).toContainEqual({ path: "tasks[0].kiro_workflow.phases.design.approved_by", value: "alice" });
    expect(text.split("\n").slice(0, 4)).toEqual([
      "# Milestone written by the original milestone protocol (yq edits state in place).",
      "version: 1",
      "id: auth-legacy",
      'title: "Authentication overhaul"',
    ]);
    // Untouched parts stay byte for byte: the folded description, blank lines, the comment between tasks.
    expect(text).toContain(
      "description: >-\n  Replace cookie sessions with short-lived tokens. This file has the shape the original\n",
    );
    expect(text).toContain(
      "\n\n  # Written before kiro enforcement: the original protocol auto-migrated tasks like this one.\n  - id: T2\n",
    );
    expect(text).toContain(
      "  - id: T2\n    title: Session migration\n    dependencies: [T1]\n    kiro_workflow:\n      enabled: true\n",
    );
    expect(text).toContain(
      "    kiro_workflow:\n      enabled: true\n      phases:\n        design:\n          approval_required: true\n        spec:",
    );
    expect(text).not.toMatch(/status|current_phase|progress|started_at/);
    expectClean(text, FILE);
  });

  it.each(["valid/minimal.yaml", "valid/full.yaml", "valid/custom-workflow.yaml"])(
    "leaves the version 1 plan %s alone",
    (fixture) => {
      const text = readFixture(fixture);
      expect(migratePlan(text, `.milestones/${fixture.split("/")[1]}`)).toEqual({ text, changed: [], removed: [] });
    },
  );

  it.each([
    ["invalid YAML", "tasks: [\n"],
    ["a list", "- a\n"],
    ["an empty file", ""],
  ])("returns %s unchanged", (_name, text) => {
    expect(migratePlan(text, "x.yaml")).toEqual({ text, changed: [], removed: [] });
  });

  it("enables a task a version 1 file disabled", () => {
    const before =
      "version: 1\nid: v1\ntitle: V\ntasks:\n  - id: T1\n    title: A\n    kiro_workflow:\n      enabled: false # opted out\n";
    const { text, changed } = migratePlan(before, "v1.yaml");
    expect(text).toBe(before.replace("enabled: false", "enabled: true"));
    expect(changed).toEqual(["tasks[0] (T1): set `kiro_workflow.enabled: true`"]);
  });

  it("adds the id from the file name when a legacy file has none", () => {
    const { text, changed } = migratePlan(
      "title: T\ntasks:\n  - id: T1\n    title: A\n",
      ".milestones/active/no-id.yaml",
    );
    expect(text).toBe(
      "version: 1\nid: no-id\ntitle: T\ntasks:\n  - id: T1\n    title: A\n    kiro_workflow:\n      enabled: true\n",
    );
    expect(changed).toContain("added `id: no-id` (from the file name)");
    expectClean(text, ".milestones/active/no-id.yaml");
  });

  it("keeps derived fields when asked", () => {
    const before =
      "id: keep\ntitle: K\nstatus: planned\ntasks:\n  - id: T1\n    title: A\n    kiro_workflow: { enabled: true }\n";
    const { text, removed } = migratePlan(before, "keep.yaml", { keepDerived: true });
    expect(text).toBe(`version: 1\n${before}`);
    expect(removed).toEqual([]);
  });

  it("drops a phase that held only state, rather than leaving it empty", () => {
    const before =
      "version: 1\nid: p\ntitle: P\ntasks:\n  - id: T1\n    title: A\n    kiro_workflow:\n      phases:\n        design:\n          status: approved\n        spec:\n          approval_required: false\n          status: pending\n";
    const { text } = migratePlan(before, "p.yaml");
    expect(text).toBe(
      "version: 1\nid: p\ntitle: P\ntasks:\n  - id: T1\n    title: A\n    kiro_workflow:\n      phases:\n        spec:\n          approval_required: false\n",
    );
    expectClean(text, "p.yaml");
  });

  it("drops a version 1 task's kiro_workflow that held only state", () => {
    const before =
      "version: 1\nid: w\ntitle: W\ntasks:\n  - id: T1\n    title: A\n    kiro_workflow:\n      current_phase: design\n      phases:\n        design: { status: approved }\n  - id: T2\n    title: B\n";
    const { text } = migratePlan(before, "w.yaml");
    expect(text).toBe("version: 1\nid: w\ntitle: W\ntasks:\n  - id: T1\n    title: A\n  - id: T2\n    title: B\n");
  });

  it.each([
    [
      "flow-style tasks",
      "id: f\ntitle: F\nstatus: done\ntasks: [{ id: T1, title: A, status: done }, { id: T2, title: B, kiro_workflow: { enabled: false } }]\n",
    ],
    ["state as the first key of a list item", "id: f\ntitle: F\ntasks:\n  - status: done\n    id: T1\n    title: A\n"],
    [
      "a flow kiro_workflow",
      "id: f\ntitle: F\ntasks:\n  - id: T1\n    title: A\n    kiro_workflow: { current_phase: spec, phases: { design: { status: done } } }\n",
    ],
    ["no newline at the end", "id: f\ntitle: F\ntasks:\n  - id: T1\n    title: A\n    status: done"],
    ["a root in flow style", "{ id: f, title: F, tasks: [{ id: T1, title: A }] }\n"],
  ])("falls back to re-rendering for %s, and the result is clean", (_name, before) => {
    const { text, changed } = migratePlan(before, "f.yaml");
    expect(changed.length).toBeGreaterThan(0);
    expectClean(text, "f.yaml");
  });

  it("appends after the last key that stays, even when a removed key came last", () => {
    const before =
      "id: e\ntitle: E\ntasks:\n  - id: T1\n    title: A\n    status: done\n  - id: T2\n    title: B\n    status: done";
    expect(migratePlan(before, "e.yaml").text).toBe(
      "version: 1\nid: e\ntitle: E\ntasks:\n  - id: T1\n    title: A\n    kiro_workflow:\n      enabled: true\n  - id: T2\n    title: B\n    kiro_workflow:\n      enabled: true\n",
    );
  });

  it.each([
    ["an empty kiro_workflow", "    kiro_workflow:\n"],
    ["a list as enabled", "    kiro_workflow:\n      enabled: [yes]\n"],
  ])("does not guess around %s: it adds no duplicate key and leaves the type error to parsePlan", (_name, workflow) => {
    const before = `id: g\ntitle: G\ntasks:\n  - id: T1\n    title: A\n${workflow}`;
    const { text } = migratePlan(before, "g.yaml");
    expect(text).toBe(`version: 1\n${before}`);
    expect(parsePlan(text, "g.yaml").issues[0]).toMatchObject({
      code: "wrong-type",
      path: expect.stringMatching(/^tasks\[0\]\.kiro_workflow/),
    });
  });

  it("keeps a schema modeline on the first line", () => {
    const before =
      "# yaml-language-server: $schema=../schema/plan.schema.json\nid: m\ntitle: M\ntasks: [{ id: T1, title: A, kiro_workflow: { enabled: true } }]\n";
    expect(migratePlan(before, "m.yaml").text).toBe(before.replace("\nid: m", "\nversion: 1\nid: m"));
  });
});
