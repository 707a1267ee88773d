import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { migratePlan } from "../../../core/plan/migrate-plan.js";
import { parsePlan, type ParsePlanResult } from "../../../core/plan/parse-plan.js";
import { readYaml } from "../../../core/plan/read-yaml.js";
import { readFixture } from "./read-fixture.js";
import { propertyRuns } from "../../helpers/property-runs.js";

const FILE = ".milestones/full.yaml";
// Kept small so the suite stays fast; a deeper search: npm run test:deep (PHASEGATE_FC_RUNS).
const RUNS = propertyRuns(60);

/** Fragments that exercise the parser's corners: structure, aliases, tags, odd keys, odd whitespace. */
const TOKENS = [
  "version: 1\n",
  "version: 2\n",
  "id: full\n",
  "title: T\n",
  "tasks:\n",
  "  - ",
  "    ",
  "id: T1\n",
  "title: x\n",
  "dependencies: [T1]\n",
  "kiro_workflow:\n",
  "enabled: true\n",
  "phases:\n",
  "design:\n",
  "deliverables:\n",
  "weight: 101\n",
  "workflow:\n",
  "status: done\n",
  "current_phase: spec\n",
  "{",
  "}",
  "[",
  "]",
  ",",
  ": ",
  "- ",
  "? ",
  "&a ",
  "*a",
  "&b [*a, *a, *a]\n",
  "!!binary aGk=",
  "!foo ",
  "---\n",
  "...\n",
  "%YAML 1.2\n",
  "'",
  '"',
  "#",
  "|\n",
  ">-\n",
  "~",
  "null",
  "kiro_workflow:\n  ",
  "enabled: [x]\n",
  "1.10",
  "0x1F",
  ".inf",
  "__proto__: 1\n",
  "constructor:\n",
  "\t",
  "\r\n",
  "\u2028",
  "\uFEFF",
  "\u0000",
  "é",
  "日本",
];

const yamlish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 40 }).map((parts) => parts.join(""));

const fixtures = ["valid/full.yaml", "valid/custom-workflow.yaml", "legacy/active/auth-legacy.yaml"].map(readFixture);

/** A valid plan with a few edits: a slice deleted, a token inserted, a line repeated or swapped. */
const mutated = fc
  .tuple(
    fc.constantFrom(...fixtures),
    fc.array(
      fc.oneof(
        fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 20 }) }),
        fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), token: fc.constantFrom(...TOKENS) }),
        fc.record({ kind: fc.constant("repeat-line" as const), at: fc.nat() }),
        fc.record({ kind: fc.constant("swap-lines" as const), at: fc.nat() }),
      ),
      { minLength: 1, maxLength: 4 },
    ),
  )
  .map(([text, edits]) => edits.reduce(applyEdit, text));

function applyEdit(text: string, edit: { kind: string; at: number; length?: number; token?: string }): string {
  const at = text.length === 0 ? 0 : edit.at % text.length;
  const lines = text.split("\n");
  const line = lines.length === 0 ? 0 : edit.at % lines.length;
  switch (edit.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + (edit.length ?? 1));
    case "insert":
      return text.slice(0, at) + edit.token + text.slice(at);
    case "repeat-line":
      lines.splice(line, 0, lines[line] ?? "");
      return lines.join("\n");
    default:
      [lines[line], lines[(line + 1) % lines.length]] = [lines[(line + 1) % lines.length] ?? "", lines[line] ?? ""];
      return lines.join("\n");
  }
}

function expectWellFormed(result: ParsePlanResult): void {
  const errors = result.issues.filter((issue) => issue.severity === "error");
  expect(result.plan === undefined).toBe(errors.length > 0);
  for (const issue of result.issues) {
    expect(issue.code).not.toBe("internal-error");
    expect(issue.file).toBe(FILE);
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.message.length).toBeGreaterThan(0);
    expect(issue.hint?.length).toBeGreaterThan(0);
  }
  for (const task of result.plan?.tasks ?? []) {
    expect(task.phases.reduce((sum, phase) => sum + phase.weight, 0)).toBe(100);
  }
}

describe("parsePlan on any input", () => {
  it.each([
    ["arbitrary text", fc.string({ unit: "binary", maxLength: 200 })],
    ["YAML-like text", yamlish],
    ["mutated valid plans", mutated],
  ])("never throws and always explains itself: %s", (_name, input) => {
    fc.assert(
      fc.property(input, (text) => expectWellFormed(parsePlan(text, FILE, { knownMilestones: ["infra-base"] }))),
      RUNS,
    );
  });

  it.each([
    [
      "a recursive alias",
      "version: 1\nid: full\ntitle: T\ntasks: &t\n  - id: T1\n    title: A\n    dependencies: *t\n",
    ],
    [
      "a self-referencing mapping",
      "version: 1\nid: full\ntitle: T\nsettings: &s { test_command: *s }\ntasks: [{ id: T1, title: A }]\n",
    ],
    ["an undefined alias", "version: 1\nid: full\ntitle: *nope\n"],
    ["deep nesting", `${"[".repeat(3_000)}${"]".repeat(3_000)}`],
    ["a huge file", `# ${"x".repeat(1_000_001)}\n`],
  ])("survives %s", (_name, text) => {
    const result = parsePlan(text, FILE);
    expectWellFormed(result);
    expect(result.plan).toBeUndefined();
  });
});

describe("migratePlan on any input", () => {
  it.each([
    ["YAML-like text", yamlish],
    ["mutated valid plans", mutated],
  ])("never throws, never breaks valid YAML, and is idempotent: %s", (_name, input) => {
    fc.assert(
      fc.property(input, (text) => {
        const once = migratePlan(text, FILE);
        if (readYaml(text, FILE).source)
          expect(readYaml(once.text, FILE).issues.filter((i) => i.severity === "error")).toEqual([]);
        const twice = migratePlan(once.text, FILE);
        expect(twice.text).toBe(once.text);
        expect(twice.changed).toEqual([]);
      }),
      RUNS,
    );
  });
});

// Arbitraries are built once: `stringMatching` compiles its regex on construction, which is slow inside `chain`.
const taskIds = fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,8}$/), {
  minLength: 1,
  maxLength: 6,
  selector: (id) => id.toLowerCase(),
});
const title = fc.string({ minLength: 1, maxLength: 60 }).filter((t) => /\S/.test(t));
const logins = fc.uniqueArray(fc.constantFrom("bob", "carol", "dave", "erin-x", "f00"), { maxLength: 3 });
const workflow = fc.oneof(
  fc.constant("kiro"),
  fc.integer({ min: 1, max: 99 }).map((first) => ({
    phases: [
      { id: "build", weight: first },
      { id: "ship", weight: 100 - first, approval_required: true },
    ],
  })),
);

/** Valid plan data, written the way a person might: dependencies only on earlier tasks, weights that sum to 100. */
const validPlan = taskIds
  .chain((ids) =>
    fc.record({
      title,
      approvers: fc.uniqueArray(fc.constantFrom("alice", "bob", "@acme/security"), { maxLength: 3 }),
      workflow,
      tasks: fc.tuple(
        ...ids.map((id, index) =>
          fc.record({ id: fc.constant(id), title, dependencies: fc.subarray(ids.slice(0, index)), assignees: logins }),
        ),
      ),
    }),
  )
  .map((data) => ({ version: 1, id: "full", ...data }));

describe("valid plans round-trip", () => {
  it("any valid plan, written as YAML, parses back with no issue to the same plan", () => {
    fc.assert(
      fc.property(validPlan, fc.boolean(), (data, flow) => {
        const text = flow ? JSON.stringify(data) : stringify(data);
        const { plan, issues } = parsePlan(text, FILE);
        expect(issues).toEqual([]);
        expect(plan).toMatchObject({
          id: data.id,
          title: data.title,
          approvers: data.approvers,
          workflow: typeof data.workflow === "string" ? "kiro" : "custom",
        });
        expect(plan!.tasks.map((t) => [t.id, t.title, t.dependencies, t.assignees])).toEqual(
          data.tasks.map((t) => [t.id, t.title, t.dependencies, t.assignees]),
        );
        expect(migratePlan(text, FILE).changed).toEqual([]);
      }),
      RUNS,
    );
  });
});
