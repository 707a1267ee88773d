import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { inferDependencies, parseRequirements, parseTaskList, setTaskState } from "../../../core/interop/index.js";
import { checkMarkdown } from "../../../core/workflow/check-markdown.js";
import type { FileChecks } from "../../../core/plan/plan.js";
import { propertyRuns } from "../../helpers/property-runs.js";

/** Fragments of every syntax the parser knows, so random files hit the interesting paths often. */
const indent = fc.constantFrom("", " ", "  ", "   ", "    ", "\t");
const bullet = fc.constantFrom("-", "*", "+", "1.", "12)");
const state = fc.constantFrom(" ", "x", "X", "-", "~", "P", "移行済み", "");
const id = fc.constantFrom(
  "",
  "1.",
  "2.1",
  "5.2.1",
  "13.1.1:",
  "0.",
  "300.",
  "T001",
  "T047a",
  "T038-MIN",
  "**T010**",
  "Task 3:",
  "SKIP: T004",
  "**M01-T01** —",
  "SEC-004:",
  "2.1.",
);
const marker = fc.constantFrom(
  "",
  "[P]",
  "(P)",
  "[US1]",
  "(depends on T001-T003)",
  "(depends on T002, T009)",
  "✅ COMPLETED",
  "(optional)",
  "（✅ 完了）",
  "→ Phase 13",
  "**bold**",
);
const words = fc.string({ maxLength: 30 });
const checkbox = fc
  .tuple(indent, bullet, state, fc.constantFrom("", "*"), id, marker, words)
  .map(([i, b, s, o, d, m, w]) => `${i}${b} [${s}]${o} ${d} ${m} ${w}`);
const heading = fc
  .tuple(
    fc.integer({ min: 1, max: 6 }),
    fc.constantFrom(
      "Phase 1: Setup",
      "Phase 3: User Story 1 - x",
      "Task 1.2: t",
      "T005: t [P]",
      "Acceptance Criteria",
      "✅ Tarea 2.1: t",
      "1. Heading",
      "13.1 Sub",
      "- [x] 3. heading",
      "Dependencies",
      "Validation Checklist",
      "",
    ),
  )
  .map(([n, t]) => `${"#".repeat(n)} ${t}`);
const detail = fc.constantFrom(
  "  - _Requirements: 1.1, 2.3-2.5_",
  "  - _Depends: 1.2, 9.9_",
  "  - **Validates: Requirements 1.1**",
  "  - _Prompt: |",
  "    Role: developer | Task: x",
  "  - _Leverage: open",
  "**Status**: [ ] Pending",
  "- **Status:** [x] done",
  "**Acceptance**:",
  "**Criterios:**",
  "- T019 depends on T017, T018",
  "T008 blocks T009",
  "---",
  "<!-- x",
  "-->",
  "```",
  "```ts",
  "~~~",
  "",
  "   continuation of a long title",
);
const line = fc.oneof(checkbox, heading, detail, words);
const taskFile = fc
  .tuple(fc.array(line, { maxLength: 40 }), fc.constantFrom("\n", "\r\n"), fc.boolean())
  .map(([lines, eol, final]) => lines.join(eol) + (final ? eol : ""));

const ALL_CHECKS: FileChecks = {
  exists: true,
  notEmpty: true,
  headings: ["Tasks", "Phase 1"],
  noPlaceholders: true,
  checklistComplete: true,
  hasChecklist: true,
  requirements: true,
  requirementsCovered: false,
  sourceItem: false,
};

describe("parser properties", () => {
  it("never throws and never falls back to the internal-error result, on any string", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "grapheme", maxLength: 400 }), taskFile), (text) => {
        const list = parseTaskList(text);
        expect(list.warnings.some((w) => w.message.startsWith("internal parser error"))).toBe(false);
        inferDependencies(list);
        parseRequirements(text);
        checkMarkdown(text, ALL_CHECKS, "f.md");
      }),
      propertyRuns(250),
    );
  });

  it("gives every item a unique id, parents that exist and come first, and existing dependencies", () => {
    fc.assert(
      fc.property(taskFile, (text) => {
        const list = parseTaskList(text);
        const ids = list.items.map((i) => i.id);
        expect(new Set(ids).size).toBe(ids.length);
        for (const item of list.items) {
          // Parents come before their children (check-source-item.ts collects a subtree in one pass).
          if (item.parent !== undefined) expect(ids.indexOf(item.parent)).toBeGreaterThanOrEqual(0);
          if (item.parent !== undefined) expect(ids.indexOf(item.parent)).toBeLessThan(ids.indexOf(item.id));
          for (const dep of item.dependencies) expect(ids).toContain(dep);
          expect(item.dependencies).not.toContain(item.id);
        }
      }),
      propertyRuns(200),
    );
  });

  it("writes a box back to its own state byte-for-byte, and toggles by exactly one character", () => {
    fc.assert(
      fc.property(taskFile, (text) => {
        const list = parseTaskList(text);
        for (const item of list.items) {
          if (item.stateLine === undefined) continue;
          expect(setTaskState(text, item.stateLine, item.state)).toBe(text);
          const other = item.state === "todo" ? "in_progress" : "todo";
          const changed = setTaskState(text, item.stateLine, other);
          expect(changed.length).toBe(text.length);
          expect([...changed].filter((ch, i) => ch !== [...text][i]).length).toBe(1);
        }
      }),
      propertyRuns(200),
    );
  });

  it("reports every task line it reads at a 1-based line that exists", () => {
    fc.assert(
      fc.property(taskFile, (text) => {
        const count = text.split("\n").length;
        const list = parseTaskList(text);
        for (const item of list.items) expect(item.line >= 1 && item.line <= count).toBe(true);
        for (const w of list.warnings) expect(w.line >= 1 && w.line <= count).toBe(true);
      }),
      propertyRuns(200),
    );
  });
});
