import { describe, expect, it } from "vitest";
import { parseTaskList, setTaskState, type TaskList } from "../../../core/interop/index.js";
import { corpusKind, taskListFiles } from "./corpus.js";

const files = taskListFiles();
// Parsed once and shared by the tests below: parsing is what they check, re-parsing only costs time.
const parsed = new Map(files.map((f) => [f.rel, parseTaskList(f.text, { path: f.rel, siblings: f.siblings })]));
const listOf = (rel: string): TaskList => {
  const list = parsed.get(rel);
  if (!list) throw new Error(`not parsed: ${rel}`);
  return list;
};

/** The folder a file sits in says which tool wrote it; the parser must agree (templates aside). */
const EXPECTED_FLAVOUR: Record<string, string> = {
  kiro: "kiro",
  "kiro-ccsdd": "cc-sdd",
  "kiro-specworkflow": "spec-workflow",
  speckit: "spec-kit",
  "milestones-yaml": "generic",
};

/** Files whose detected flavour differs from their corpus folder, and why that is right. */
const FLAVOUR_EXCEPTIONS: Record<string, string> = {
  // Filed under cc-sdd, but the snapshot has no spec.json and no cc-sdd-only syntax: FORMATS §6.1 reads
  // it as Kiro, whose format cc-sdd copies, so nothing downstream differs.
  "kiro-ccsdd/t0k0sh1__chronia/.kiro/specs/ai-first-project-transformation/tasks.md": "kiro",
  // The cc-sdd template has only `{{NUMBER}}.` slots, no ids and no spec.json beside it.
  "kiro-ccsdd/noriaki__line-miniapp-reversi/.specify/settings/templates/specs/tasks.md": "generic",
  // Spec Kit's /tasks command prompt: prose about task lists, with three example boxes.
  "speckit-templates/github__spec-kit/templates/commands/tasks.md": "generic",
};

/**
 * Error-level warnings the corpus is allowed to raise, each with its reason. Empty: no corpus file has
 * an unclosed fence hiding checkboxes (the only error the parser reports).
 */
const JUSTIFIED_ERRORS: Record<string, string> = {};

describe("every task list in the corpus", () => {
  it("finds the corpus", () => {
    // 122 tasks.md files (one is Spec Kit's command prompt, filed under speckit-templates) + 3 MILESTONE.md.
    expect(files.length).toBeGreaterThanOrEqual(125);
  });

  it.each(files.map((f) => [f.rel, f] as const))("%s parses without error-level warnings", (_rel, file) => {
    const list = listOf(file.rel);
    const errors = list.warnings.filter((w) => w.severity === "error");
    if (JUSTIFIED_ERRORS[file.rel] === undefined) expect(errors).toEqual([]);
    expect(list.items.length + list.criteria.length).toBeGreaterThan(0);
    const expected = FLAVOUR_EXCEPTIONS[file.rel] ?? EXPECTED_FLAVOUR[corpusKind(file.rel)];
    expect(list.flavour).toBe(expected);
  });

  it.each(files.map((f) => [f.rel, f] as const))(
    "%s: writing every box back to its own state is byte-identical",
    (_rel, file) => {
      const list = listOf(file.rel);
      const boxes = [
        ...list.items.flatMap((i) => (i.stateLine === undefined ? [] : [{ line: i.stateLine, state: i.state }])),
        ...list.items.flatMap((i) => i.criteria.map((c) => ({ line: c.line, state: c.state }))),
        ...list.criteria.map((c) => ({ line: c.line, state: c.state })),
      ];
      let text = file.text;
      for (const box of boxes) text = setTaskState(text, box.line, box.state);
      expect(text === file.text).toBe(true);
    },
  );

  it.each(files.map((f) => [f.rel, f] as const))("%s: toggling an item changes exactly one byte", (_rel, file) => {
    const list = listOf(file.rel);
    const boxed = list.items.filter((i) => i.stateLine !== undefined);
    // First, middle and last boxed item: enough to catch an offset error without re-scanning 5,000 times.
    const picks = [...new Set([boxed[0], boxed[Math.floor(boxed.length / 2)], boxed[boxed.length - 1]])];
    for (const item of picks) {
      if (!item?.stateLine) continue;
      const target = item.state === "done" ? "todo" : "done";
      const changed = setTaskState(file.text, item.stateLine, target);
      const before = Buffer.from(file.text, "utf8");
      const after = Buffer.from(changed, "utf8");
      expect(after.length).toBe(before.length);
      expect([...before].filter((byte, i) => byte !== after[i])).toHaveLength(1);
      // Re-read once per file (the first pick): the toggled box reads back as the new state.
      if (item === picks[0]) {
        const reparsed = parseTaskList(changed, { path: file.rel, siblings: file.siblings });
        expect(reparsed.items.find((i) => i.id === item.id)?.state).toBe(target);
      }
      // Back to where it was: byte-identical, unless the file mixes [x] and [X] and this one was the minority.
      if (item.state !== "done" || item.rawState === list.doneChar) {
        expect(setTaskState(changed, item.stateLine, item.state) === file.text).toBe(true);
      }
    }
  });
});
