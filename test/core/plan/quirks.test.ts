import { describe, expect, it } from "vitest";
import { migratePlan } from "../../../core/plan/migrate-plan.js";
import { parsePlan } from "../../../core/plan/parse-plan.js";

const FILE = ".milestones/m1.yaml";
const TASKS = "tasks:\n  - id: T1\n    title: One\n    spec: one\n";

describe("plan quirks people meet", () => {
  it.each([
    ["a splice", `# plan\nid: m1\ntitle: One\n${TASKS}`],
    ["a splice that removes state", `id: m1\ntitle: One\nstatus: in_progress\n${TASKS}`],
  ])("migrate keeps CRLF line endings on the lines it inserts (%s)", (_, lf) => {
    const crlf = lf.replace(/\n/g, "\r\n");
    const { text, changed } = migratePlan(crlf, FILE);
    expect(changed).toContain("added `version: 1`");
    expect(text.replace(/\r\n/g, "")).not.toContain("\n");
    expect(text).toContain("version: 1\r\n");
    expect(parsePlan(text, FILE).plan).toBeDefined();
  });

  it.each([`"1"`, `'1'`])("version: %s says the version is the number 1 without quotes", (quoted) => {
    const { issues } = parsePlan(`version: ${quoted}\nid: m1\ntitle: One\n${TASKS}`, FILE);
    expect(issues).toHaveLength(1);
    expect(issues[0]?.message).toMatch(/must be the number 1 without quotes/);
    expect(issues[0]?.hint).toBe("write `version: 1`");
    expect(issues[0]?.message).not.toMatch(/unsupported/);
  });

  it.each([
    ["1.10", '"1.10"'],
    ["0x1F", '"0x1F"'],
    ["1e3", '"1e3"'],
    ["True", '"True"'],
    ["2026", '"2026"'],
  ])("title: %s suggests quoting the text as written, %s", (written, quoted) => {
    for (const text of [
      `version: 1\nid: m1\ntitle: ${written}\n${TASKS}`,
      `version: 1\nid: m1\ntitle: ${written} # note\n${TASKS}`,
    ]) {
      const { issues } = parsePlan(text, FILE);
      expect(issues[0]?.hint).toBe(`put the value in quotes: \`${quoted}\``);
    }
  });

  // The yaml library checks a key's tag only when the key has text; `!foo : 1` printed back is `!foo "": 1`, which it refuses.
  it.each(["!foo : x\n", "? !foo\n: x\n", "!!null : x\n", "? !!int\n: x\n", "!foo\t: x\n", "tasks:\n  - !foo : x\n"])(
    "a tagged empty key %j is refused like any tagged key, and migrate leaves it alone",
    (line) => {
      const text = `version: 1\nid: m1\ntitle: One\n${line}`;
      const result = parsePlan(text, FILE);
      expect(result.plan).toBeUndefined();
      expect(result.issues.map((i) => i.code)).toContain("yaml-key");
      const bare = `title: One\n${line}`;
      const migrated = migratePlan(bare, FILE);
      expect(migrated).toEqual({ text: bare, changed: [], removed: [] });
    },
  );
});
