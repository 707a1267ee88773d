import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { importSpec, type ImportSpecInput } from "../../../core/interop/import-spec.js";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import type { Plan } from "../../../core/plan/plan.js";

const md = (...lines: string[]) => lines.join("\n") + "\n";

/** Import, then parse the YAML as a plan: every import must validate with no issue at all. */
function run(input: ImportSpecInput): { plan: Plan; warnings: string[]; yaml: string } {
  const result = importSpec(input);
  const { plan, issues } = parsePlan(result.yaml, `.milestones/${result.id}.yaml`);
  expect(issues).toEqual([]);
  if (!plan) throw new Error("no plan");
  expect(plan.tasks.length).toBe(result.taskCount);
  return { plan, warnings: result.warnings, yaml: result.yaml };
}
const rows = (plan: Plan) => plan.tasks.map((t) => [t.id, t.source?.item, t.dependencies.join(",")]);

const KIRO = md(
  "# Implementation Plan",
  "",
  "- [x] 1. Set up **project** structure",
  "  - Create the folders",
  "  - _Requirements: 1.1, 2.3_",
  "- [ ] 2. Build the _API_",
  "  - [x] 2.1 Write handlers",
  "  - [ ]* 2.2 Write property tests",
  "- [ ]* 3. Optional polish",
  "- [ ] 4. Checkpoint - all tests pass",
);
const CC_SDD = md(
  "# 実装計画",
  "",
  "- [ ] 1. Foundation",
  "- [ ] 1.1 (P) Define the domain model",
  "  - _Depends: 1_",
  "- [ ] 2. Application services",
  "- [ ] 2.1 Implement the booking service",
  "  - _Depends: 1.1_",
  "- [ ] 3. API",
  "  - _Depends: 2.1, 1_",
);
const SPEC_WORKFLOW = md(
  "# Tasks Document",
  "",
  "- [x] 1. Fix the dropdown (STAK-353)",
  "  - File: `css/styles.css`",
  "  - _Leverage: css/styles.css_",
  "  - _Requirements: 1.1, 1.2_",
  "- [-] 2. Filter blacklisted tags",
  "  - File: `js/tags.js`",
  "  - _Prompt: Role: developer | Task: filter tags_",
);
const SPEC_KIT = md(
  "# Tasks: Playlist import",
  "",
  "## Phase 1: Setup",
  "- [x] T001 Create project structure",
  "- [x] T002 [P] Configure linting",
  "- [x] T003 [P] Configure formatting",
  "## Phase 2: Foundational",
  "- [x] T004 Database schema",
  "- [X] SKIP: T005 (not needed)",
  "- [ ] T006 Worker",
  "## Phase 3: User Story 1 - Import (Priority: P1)",
  "- [ ] T007 [P] [US1] Contract test",
  "- [ ] T008 [P] [US1] Integration test",
  "- [ ] T009 [US1] Import service (depends on T004)",
  "## Phase 4: User Story 2 - Export (Priority: P2)",
  "- [ ] T010 [US2] Export service",
  "## Phase 5: Polish",
  "- [ ] T011 Docs",
);
const GENERIC = md("# Release checklist", "", "- [x] **M01-T01** — Cut the branch", "- [ ] M01-T02: Write the notes");

describe("importSpec: one table per flavour", () => {
  it.each([
    [
      "Kiro: top-level items, optional ones left out, no dependencies",
      { folder: ".kiro/specs/auth-flow", files: { "tasks.md": KIRO, "requirements.md": "# R\n" } },
      { id: "auth-flow", title: "Auth flow", flavour: "kiro" },
      [
        ["1", "1", ""],
        ["2", "2", ""],
        ["4", "4", ""],
      ],
    ],
    [
      "Kiro --pending-only: done items left out",
      { folder: ".kiro/specs/auth-flow", files: { "tasks.md": KIRO }, pendingOnly: true },
      { id: "auth-flow", title: "Auth flow", flavour: "kiro" },
      [
        ["2", "2", ""],
        ["4", "4", ""],
      ],
    ],
    [
      "cc-sdd: sub-item edges lifted to their top-level items, self-edges dropped, reduced",
      { folder: ".kiro/specs/booking-core/", files: { "tasks.md": CC_SDD, "spec.json": "{}" } },
      { id: "booking-core", title: "Booking core", flavour: "cc-sdd" },
      [
        ["1", "1", ""],
        ["2", "2", "1"],
        ["3", "3", "2"],
      ],
    ],
    [
      "spec-workflow: in-progress items kept",
      { folder: ".spec-workflow/specs/search-link", files: { "tasks.md": SPEC_WORKFLOW }, pendingOnly: true },
      { id: "search-link", title: "Search link", flavour: "spec-workflow" },
      [["2", "2", ""]],
    ],
    [
      "Spec Kit: every T### item, skip records left out, inferred order reduced to the nearest barrier",
      { folder: "specs/003-playlist-import", files: { "tasks.md": SPEC_KIT, "spec.md": "# S\n", "plan.md": "# P\n" } },
      { id: "003-playlist-import", title: "Playlist import", flavour: "spec-kit" },
      [
        ["T001", "T001", ""],
        ["T002", "T002", "T001"],
        ["T003", "T003", "T001"],
        ["T004", "T004", "T002,T003"],
        ["T006", "T006", "T004"],
        ["T007", "T007", "T006"],
        ["T008", "T008", "T006"],
        ["T009", "T009", "T007,T008"],
        ["T010", "T010", "T006"],
        ["T011", "T011", "T009,T010"],
      ],
    ],
    [
      "Spec Kit --pending-only: edges to done items bridged, not lost",
      { folder: "specs/003-playlist-import", files: { "tasks.md": SPEC_KIT }, pendingOnly: true },
      { id: "003-playlist-import", title: "Playlist import", flavour: "spec-kit" },
      [
        ["T006", "T006", ""],
        ["T007", "T007", "T006"],
        ["T008", "T008", "T006"],
        ["T009", "T009", "T007,T008"],
        ["T010", "T010", "T006"],
        ["T011", "T011", "T009,T010"],
      ],
    ],
    [
      "generic: foreign ids kept as written",
      { folder: "docs/release", files: { "tasks.md": GENERIC } },
      { id: "release", title: "Release checklist", flavour: "generic" },
      [
        ["M01-T01", "M01-T01", ""],
        ["M01-T02", "M01-T02", ""],
      ],
    ],
  ] as const)("%s", (_name, input, milestone, expected) => {
    const result = importSpec(input as ImportSpecInput);
    expect({ id: result.id, flavour: result.flavour }).toEqual({ id: milestone.id, flavour: milestone.flavour });
    const { plan } = run(input as ImportSpecInput);
    expect(plan.title).toBe(milestone.title);
    expect(rows(plan)).toEqual(expected);
    const folder = input.folder.replace(/\/$/, "");
    for (const task of plan.tasks) expect(task.source?.file).toBe(`${folder}/tasks.md`);
  });
});

describe("importSpec: fields", () => {
  it("writes the milestone, the one execute phase and short task descriptions", () => {
    const { plan, yaml, warnings } = run({
      folder: ".kiro/specs/auth-flow",
      files: { "tasks.md": KIRO, "requirements.md": "# R\n", "design.md": "# D\n" },
      approvers: ["alice", "@acme/security", "alice"],
    });
    const lines = yaml.split("\n");
    expect(lines[0]).toBe(
      "# yaml-language-server: $schema=https://raw.githubusercontent.com/phasegate/phasegate/v1/schema/plan.schema.json",
    );
    expect(lines[1]).toBe(
      "# Imported by phasegate import from .kiro/specs/auth-flow (kiro) — review before committing",
    );
    expect(plan.approvers).toEqual(["alice", "@acme/security"]);
    expect(plan.description).toContain("`.kiro/specs/auth-flow` (Kiro)");
    expect(plan.description).toContain("Spec documents: requirements.md, design.md.");
    const data = parse(yaml) as { workflow: unknown; tasks: { title: string; description?: string }[] };
    expect(data.workflow).toEqual({
      phases: [
        {
          id: "execute",
          weight: 100,
          approval_required: true,
          deliverables: [
            { path: ".kiro/specs/auth-flow/tasks.md", checks: { source_item: true, no_placeholders: false } },
            { signal: "ci_green" },
          ],
        },
      ],
    });
    expect(data.tasks.map((t) => [t.title, t.description])).toEqual([
      ["Set up project structure", "Requirements: 1.1, 2.3\nCreate the folders"],
      ["Build the API", undefined],
      ["Checkpoint - all tests pass", undefined],
    ]);
    expect(warnings).toEqual(["left out 1 item optional: 3"]);
    expect(importSpec({ folder: ".kiro/specs/auth-flow", files: { "tasks.md": KIRO } }).yaml).toBe(
      importSpec({ folder: ".kiro/specs/auth-flow", files: { "tasks.md": KIRO } }).yaml,
    );
  });

  it.each([
    ["# Tasks: Playlist import", "Playlist import"],
    ["# Implementation Plan — Auth v2", "Auth v2"],
    ["# Implementation Plan - Sistema de Lista de Espera", "Sistema de Lista de Espera"],
    ["# 任务清单：数据库查询工具", "数据库查询工具"],
    ["# UI Hub 実装タスク", "UI Hub 実装タスク"],
    ["# Implementation Plan", "Lista espera"],
    ["", "Lista espera"],
  ])("takes the title from %j", (h1, title) => {
    const { plan } = run({ folder: ".kiro/specs/01-lista-espera", files: { "tasks.md": md(h1, "- [ ] 1. A") } });
    expect(plan.title).toBe(title);
  });

  it("sanitises ids the plan refuses and keeps the item as written in source", () => {
    const text = md("# Plan", "- [ ] 1. A", "- [ ] 1. B", "- [ ] 2. C", "## Follow-ups", "- [ ] Tidy up", "- [ ] Ship");
    const { plan } = run({ folder: ".kiro/specs/x", files: { "tasks.md": text } });
    expect(rows(plan)).toEqual([
      ["1", "1", ""],
      ["1-2", "1~2", ""],
      ["2", "2", ""],
      ["follow-ups-1", "Follow-ups#1", ""],
      ["follow-ups-2", "Follow-ups#2", ""],
    ]);
  });

  it("cuts long titles so the issue title fits 256 characters, keeping the whole title in the description", () => {
    const long = "Implement ".repeat(40).trim();
    const { plan } = run({ folder: "specs/001-x", files: { "tasks.md": md("## Phase 1", `- [ ] T001 ${long}`) } });
    const task = plan.tasks[0]!;
    expect(`${task.id}: ${task.title}`.length).toBeLessThanOrEqual(256);
    expect(task.title.endsWith("…")).toBe(true);
    expect(task.description.split("\n")[0]).toBe(long);
  });

  it("drops an inferred edge that would close a cycle with a written one, and says so", () => {
    const text = md("## Phase 1: Setup", "- [ ] T001 a (depends on T002)", "## Phase 2: Core", "- [ ] T002 b");
    const { plan, warnings } = run({ folder: "specs/001-x", files: { "tasks.md": text } });
    expect(rows(plan)).toEqual([
      ["T001", "T001", "T002"],
      ["T002", "T002", ""],
    ]);
    expect(warnings).toEqual(["dependency T002 → T001 (phase-order) dropped: it would close a cycle"]);
  });

  it.each([
    ["no tasks.md", { folder: "specs/x", files: { "spec.md": "# S" } }, /specs\/x: no tasks.md/],
    ["no task items", { folder: "specs/x", files: { "tasks.md": "# Tasks\n\nProse.\n" } }, /no task items/],
    [
      "everything done",
      { folder: "specs/x", files: { "tasks.md": md("- [x] T001 a", "- [x] T002 b") }, pendingOnly: true },
      /all 2 required tasks are already done; nothing to import with --pending-only/,
    ],
    ["only optional items", { folder: ".kiro/specs/x", files: { "tasks.md": "- [ ]* 1. a\n" } }, /no task to import/],
    ["a bad id", { folder: "specs/x", files: { "tasks.md": "- [ ] T001 a\n" }, id: "Bad" }, /not a valid milestone id/],
    ["a bad approver", { folder: "specs/x", files: { "tasks.md": "- [ ] T001 a\n" }, approvers: ["@x"] }, /approver/],
    ["a folder outside", { folder: "../x", files: { "tasks.md": "- [ ] T001 a\n" } }, /escapes the repository/],
  ])("throws a clear error for %s", (_name, input, message) => {
    expect(() => importSpec(input as ImportSpecInput)).toThrow(message);
  });
});
