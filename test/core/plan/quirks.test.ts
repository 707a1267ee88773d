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
});
