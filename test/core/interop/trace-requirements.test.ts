import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readRequirementCatalog, traceRequirements } from "../../../core/interop/index.js";
import { resolveReference } from "../../../core/interop/resolve-reference.js";

const read = (path: string) => ({
  path,
  text: readFileSync(new URL(`../../fixtures/interop/${path}`, import.meta.url), "utf8"),
});

describe("resolveReference", () => {
  const catalog = readRequirementCatalog([
    { path: "requirements.md", text: read("trace-kiro/requirements.md").text },
    { path: "spec.md", text: read("trace-spec-kit/spec.md").text },
  ]);
  it.each([
    ["1.2", ["1.2"]],
    ["1", ["1"]],
    ["Requirement 2", ["2"]],
    ["AC-1.3", ["1.3"]],
    ["1.1-1.3", ["1.1", "1.2", "1.3"]],
    ["1.2–3", ["1.2", "1.3"]],
    ["1.2 (lockout)", ["1.2"]],
    ["All", ["1", "2", "3", "US1", "US2", "FR-001", "FR-002", "FR-003", "SC-001"]],
    ["FR-001-FR-003", ["FR-001", "FR-002", "FR-003"]],
    ["FR-001–003", ["FR-001", "FR-002", "FR-003"]],
    ["us2", ["US2"]],
    ["SC-001", ["SC-001"]],
    ["4.1", []],
    ["X.Y", []],
    ["Various", []],
  ])("%j → %j", (ref, ids) => {
    expect(resolveReference(ref, catalog)).toEqual(ids);
  });
});

describe("traceRequirements", () => {
  it.each([
    [
      "Kiro",
      "trace-kiro/tasks.md",
      ["trace-kiro/requirements.md"],
      [
        ["1", ["1.1", "1.2"]],
        ["2", ["2"]],
        ["3", []],
      ],
      [{ line: 12, message: 'unknown requirement reference "4.1" in task 2' }],
    ],
    [
      "Spec Kit",
      "trace-spec-kit/tasks.md",
      ["trace-spec-kit/spec.md"],
      [
        ["US1", ["T010", "T011"]],
        ["US2", ["T020"]],
        ["FR-001", ["T010"]],
        ["FR-002", ["T011"]],
        ["FR-003", []],
        ["SC-001", ["T011"]],
      ],
      [{ line: 13, message: 'unknown requirement reference "FR-009" in task T020' }],
    ],
  ] as [string, string, string[], [string, string[]][], { line: number; message: string }[]][])(
    "%s: the matrix, the uncovered rows, unknown references at their line",
    (_n, tasks, reqs, rows, warnings) => {
      const trace = traceRequirements({ tasks: read(tasks), requirements: reqs.map(read) });
      expect(trace.rows.map((r) => [r.id, r.tasks])).toEqual(rows);
      expect(trace.uncovered).toEqual(rows.filter(([, t]) => t.length === 0).map(([id]) => id));
      expect(trace.warnings).toEqual(warnings);
    },
  );

  it("says once that nothing can resolve when no requirement is defined", () => {
    const trace = traceRequirements({ tasks: read("trace-kiro/tasks.md"), requirements: [] });
    expect(trace.references).toHaveLength(5);
    expect(trace.warnings).toEqual([{ line: 7, message: expect.stringContaining("no requirement is defined") }]);
  });
});
