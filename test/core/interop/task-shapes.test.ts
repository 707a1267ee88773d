import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseTaskList, type TaskItem, type TaskList } from "../../../core/interop/index.js";

/** Task-list shapes found in repositories outside the corpus, in labelled synthetic fixtures. */
const fixture = (name: string, path?: string): TaskList =>
  parseTaskList(readFileSync(new URL(`../../fixtures/interop/${name}`, import.meta.url), "utf8"), { path });
const row = (i: TaskItem) => [i.id, i.kind, i.state, i.stateLine ?? null, i.optional, i.parallel, i.parent ?? null];

describe("heading tasks whose state is a Status field under the heading", () => {
  const list = fixture("status-field-headings.md", ".spec-workflow/specs/importer/tasks.md");

  it.each([
    ["14.1", "heading", "done", 11, false, false, "14"],
    ["14.2", "heading", "in_progress", 16, false, false, "14"],
    ["TC-07-04", "heading", "todo", 26, false, false, null],
    ["14. Importer#1", "heading", "done", 30, false, false, null],
  ])("%s is a %s task, %s, its box on line %s", (id, ...rest) => {
    const item = list.items.find((i) => i.id === id);
    expect(item && row(item)).toEqual([id, ...rest]);
  });

  it("keeps the rest: synthetic parent, criteria, requirements, groups, no warning", () => {
    expect(list.items.map((i) => i.id)).toEqual(["14", "14.1", "14.2", "TC-07-04", "14. Importer#1"]);
    expect(list.items.find((i) => i.id === "14.2")?.criteria.map((c) => c.done)).toEqual([true, false]);
    expect(list.items.find((i) => i.id === "14.1")?.requirements).toEqual(["1.1", "1.2"]);
    expect(list.items.find((i) => i.id === "14. Importer#1")?.title).toBe("Step 2: Wire the CLI");
    expect(list.groups.map((g) => g.title)).toEqual(["Tasks Document", "14. Importer", "Notes"]);
    expect(list.warnings).toEqual([]);
  });
});

describe("markers glued to the id", () => {
  const list = fixture("glued-markers.md");

  it.each([
    ["7.8", "checkbox", "done", 7, false, false, "7"],
    ["7.9", "checkbox", "todo", 8, true, true, "7"],
    ["7.10", "checkbox", "todo", 9, true, true, "7"],
    ["7.11", "checkbox", "todo", 10, false, true, "7"],
    ["T012", "checkbox", "todo", 14, true, true, null],
  ])("%s", (id, ...rest) => {
    const item = list.items.find((i) => i.id === id);
    expect(item && row(item)).toEqual([id, ...rest]);
  });

  it("takes the markers out of the title", () => {
    expect(list.items.map((i) => i.title)).toEqual([
      "Test Implementation",
      "Unit tests for the parser",
      "Property tests for the parser",
      "Fuzz the reader",
      "Contract tests",
      "Optional load test in tests/load/run.ts",
    ]);
  });
});

describe("checklists in a Spec Kit file that are not tasks", () => {
  const list = fixture("spec-kit-criteria-lists.md", "specs/001-playlist/tasks.md");

  it("reads only the T### items as tasks", () => {
    expect(list.flavour).toBe("spec-kit");
    expect(list.items.map((i) => i.id)).toEqual(["T010", "T011", "T020"]);
  });

  it.each([
    ["A 100-track playlist imports in under 5 seconds", true, "Validation for User Story 1"],
    ["Duplicate tracks are reported, not imported", false, "Validation for User Story 1"],
    ["Export then import gives the same playlist", false, "US2 Independent Test"],
    ["SC-001: Users import a playlist in under a minute", false, "Success Criteria"],
    ["SC-002: 95% of files import without a warning", true, "Success Criteria"],
    ["AC-US2-01: The export names the source playlist", false, "Success Criteria"],
  ])("%j is a criterion (done %s) under %j", (text, done, group) => {
    expect(list.criteria.find((c) => c.text === text)).toMatchObject({ done, group });
  });
});
