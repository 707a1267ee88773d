import { describe, expect, it } from "vitest";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import { readFixture } from "./read-fixture.js";

/** One fixture per rule: where the first error is, its rule code, and fragments of its message and hint. */
const cases: Array<[fixture: string, line: number, column: number, code: string, message: string, hint: string]> = [
  ["yaml-syntax", 6, 1, "yaml-syntax", "YAML syntax error: Flow sequence", "indentation, quotes and brackets"],
  ["duplicate-key", 4, 1, "duplicate-entry", "duplicate key", "remove or rename one"],
  ["alias-bomb", 5, 10, "yaml-alias", "cannot expand YAML aliases", "limited to 100 expansions"],
  ["multiple-documents", 7, 1, "yaml-syntax", "more than one YAML document", "remove the `---` separator"],
  ["non-string-key", 4, 3, "yaml-key", "mapping keys must be plain strings", "complex keys"],
  ["empty", 1, 1, "empty-file", "the plan file is empty", "start with `version: 1`"],
  ["not-a-mapping", 1, 1, "not-a-mapping", "a plan must be a mapping", "docs/plan-format.md"],
  ["unsupported-version", 1, 10, "unsupported-version", "unsupported plan format version `2`", "write `version: 1`"],
  ["missing-title", 1, 1, "missing-key", "missing required key `title`", "non-empty title"],
  ["missing-tasks", 1, 1, "missing-key", "missing required key `tasks`", "add at least one task"],
  ["no-tasks", 4, 8, "too-few", "a milestone needs at least one task", "add at least one task"],
  ["unknown-key", 3, 1, "unknown-key", "unknown key `titel`", "did you mean `title`?"],
  ["unknown-task-key", 7, 5, "unknown-key", "unknown key `assignee`", "did you mean `assignees`?"],
  [
    "unknown-override-key",
    9,
    19,
    "unknown-key",
    "unknown key `approval_requried`",
    "did you mean `approval_required`?",
  ],
  ["unknown-check", 11, 49, "unknown-key", "unknown key `not_emtpy`", "did you mean `not_empty`?"],
  ["path-and-signal", 11, 39, "unknown-key", "unknown key `signal`", "a deliverable is a path string"],
  ["wrong-type-list", 9, 19, "wrong-type", "`dependencies` must be a list, not `T1`", "a list of task ids"],
  [
    "wrong-type-boolean",
    10,
    30,
    "wrong-type",
    "`approval_required` must be `true` or `false`, not `yes`",
    "`yes`, `no`, `on` and `off` are strings",
  ],
  [
    "wrong-type-number",
    3,
    8,
    "wrong-type",
    "`title` must be a string, not the number 2026",
    'put the value in quotes: `"2026"`',
  ],
  [
    "weight-not-integer",
    6,
    28,
    "wrong-type",
    "`weight` must be a whole number, not the number 50.5",
    "a whole number from 1 to 100",
  ],
  ["weight-not-positive", 6, 28, "out-of-range", "`weight` must be more than 0", "a whole number from 1 to 100"],
  ["weights-sum", 6, 5, "weights-sum", "phase weights sum to 90; they must sum to 100", "build 50, ship 40"],
  ["override-weights-sum", 9, 9, "weights-sum", "phase weights sum to 105", "design 20, spec 25, task 20, execute 40"],
  ["duplicate-phase-id", 7, 13, "duplicate-id", "`build` is listed twice", "remove the repeat"],
  ["invalid-phase-id", 6, 13, "invalid-format", "`Build` is not a valid phase id", "lowercase letters"],
  ["phase-id-too-long", 6, 13, "too-long", "GitHub's 50-character label limit", "at most 43 characters"],
  ["unknown-phase", 9, 9, "unknown-phase", "`desing` is not a phase of the `kiro` workflow", "did you mean `design`?"],
  ["unknown-preset", 4, 11, "invalid-value", "`workflow` must be `kiro`, not `kiroo`", "did you mean `kiro`?"],
  [
    "invalid-on-change",
    9,
    30,
    "invalid-value",
    "must be one of `revoke`, `keep`, not `revok`",
    "did you mean `revoke`?",
  ],
  ["invalid-permission", 5, 28, "invalid-value", "not `writer`", "did you mean `write`?"],
  [
    "unknown-signal",
    11,
    25,
    "invalid-value",
    "`signal` must be one of `ci_green`, `pr_merged`, not `ci_gren`",
    "did you mean `ci_green`?",
  ],
  [
    "id-file-mismatch",
    2,
    5,
    "id-file-mismatch",
    "id `auth-v3` does not match the file name `id-file-mismatch.yaml`",
    "rename the file to `auth-v3.yaml` or write `id: id-file-mismatch`",
  ],
  [
    "invalid-milestone-id",
    2,
    5,
    "invalid-format",
    "`Invalid_Milestone` is not a valid milestone id",
    "lowercase letters",
  ],
  ["invalid-task-id", 5, 9, "invalid-format", "`T 1` is not a valid task id", "e.g. `T1`, `auth-1`, `1.2`"],
  ["duplicate-task-id", 7, 9, "duplicate-id", "task id `t1` is already used by `tasks[0]` (`T1`)", "ignoring case"],
  [
    "unknown-dependency",
    9,
    20,
    "unknown-dependency",
    "task `T2` depends on `T3`, which is not a task in this milestone",
    "did you mean `T1`?",
  ],
  ["self-dependency", 7, 20, "self-dependency", "task `T1` depends on itself", "remove it from `dependencies`"],
  ["dependency-cycle", 7, 24, "dependency-cycle", "dependency cycle: T1 → T3 → T1", "remove one of these dependencies"],
  ["duplicate-dependency", 9, 24, "duplicate-entry", "`T1` is listed twice", "remove the repeat"],
  ["invalid-requires", 5, 14, "invalid-format", "`Infra Base` is not a valid milestone id", "lowercase letters"],
  ["self-requires", 5, 14, "self-dependency", "milestone `self-requires` requires itself", "remove it from `requires`"],
  ["absolute-path", 11, 15, "invalid-path", "`/etc/passwd` is absolute", "relative to the repository root"],
  ["windows-drive-path", 11, 15, "invalid-path", "`C:/docs/design.md` is absolute", "relative to the repository root"],
  ["backslash-path", 11, 15, "invalid-path", "uses backslashes", "`docs/design.md`"],
  ["escaping-path", 11, 15, "invalid-path", "escapes the repository with `..`", "inside the repository"],
  ["git-path", 11, 15, "invalid-path", "points into `.git/`", "git's own files"],
  ["unnormalised-path", 11, 15, "invalid-path", "`./docs//design.md` is not normalised", "write `docs/design.md`"],
  ["unknown-placeholder", 11, 15, "invalid-path", "unknown placeholder `{slug}`", "{spec}, {task}, {milestone}"],
  ["folder-path", 11, 15, "invalid-path", "names a folder", "name it"],
  ["title-too-long", 3, 8, "too-long", "longer than 256 characters, GitHub's title limit", "GitHub allows 256"],
  [
    "task-title-too-long",
    6,
    12,
    "title-too-long",
    "the issue title `T1: …` would be 257 characters",
    "252 characters or fewer",
  ],
  ["blank-title", 6, 12, "invalid-format", "`title` `   ` is blank", "non-empty title"],
  ["too-many-assignees", 7, 16, "too-many", "more than 10 entries, GitHub's limit per issue", "GitHub logins"],
  ["duplicate-assignee", 7, 29, "duplicate-entry", "`bob` is listed twice (also at index 0)", "remove the repeat"],
  ["invalid-approver", 4, 20, "invalid-format", "`@bob` is not a GitHub login or `@org/team`", "without `@`"],
  ["invalid-branch", 4, 9, "invalid-branch", "`milestone/auth..v2` contains `..`", "git check-ref-format"],
  ["invalid-due", 4, 6, "invalid-format", "`2026-02-30` is not a date", "YYYY-MM-DD"],
  ["invalid-duration", 5, 14, "invalid-format", "`4 hours` is not a duration", "`30m`, `4h`, `2d`"],
  ["zero-duration", 5, 14, "invalid-value", "must be more than zero and at most a year", "`30m`, `4h`, `2d`"],
  ["blank-test-command", 5, 17, "invalid-format", "`test_command` `  ` is blank", "`[make, test]`"],
  ["invalid-spec", 7, 11, "invalid-format", "`../outside` is not a valid spec folder name", "token-service"],
];

describe("invalid plans", () => {
  it.each(cases)("%s → %i:%i %s", (fixture, line, column, code, message, hint) => {
    const file = `.milestones/${fixture}.yaml`;
    const { plan, issues } = parsePlan(readFixture(`invalid/${fixture}.yaml`), file);
    expect(plan).toBeUndefined();
    const first = issues[0]!;
    expect(first).toMatchObject({ file, line, column, code, severity: "error" });
    expect(first.message).toContain(message);
    expect(first.hint).toContain(hint);
  });

  it("has a fixture for every case and a case for every fixture", async () => {
    const { readdirSync } = await import("node:fs");
    const files = readdirSync(new URL("../../fixtures/plans/invalid/", import.meta.url)).map((f) =>
      f.replace(/\.yaml$/, ""),
    );
    expect(new Set(files)).toEqual(new Set([...cases.map(([fixture]) => fixture), "unknown-milestone"]));
  });

  it("knows milestones only when told: `requires` must name a known milestone", () => {
    const text = readFixture("invalid/unknown-milestone.yaml");
    const file = ".milestones/unknown-milestone.yaml";
    expect(parsePlan(text, file).plan).toBeDefined();
    const { plan, issues } = parsePlan(text, file, { knownMilestones: ["infra-base", "search"] });
    expect(plan).toBeUndefined();
    expect(issues[0]).toMatchObject({
      line: 5,
      column: 14,
      code: "unknown-milestone",
      path: "dependencies.requires[0]",
      hint: "did you mean `infra-base`?",
    });
  });

  it("limits descriptions to GitHub's body size", () => {
    const text = `version: 1\nid: long\ntitle: Long\ndescription: ${"x".repeat(65_537)}\ntasks:\n  - { id: T1, title: First }\n`;
    const { issues } = parsePlan(text, ".milestones/long.yaml");
    expect(issues[0]).toMatchObject({ line: 4, column: 14, code: "too-long", path: "description" });
    expect(issues[0]!.message).toContain("65536");
  });

  it("reports every error, not only the first, and names each path", () => {
    const { issues } = parsePlan(readFixture("invalid/unknown-dependency.yaml"), ".milestones/unknown-dependency.yaml");
    expect(issues.map((i) => [i.path, i.hint])).toEqual([
      ["tasks[1].dependencies[0]", "did you mean `T1`?"],
      ["tasks[2].dependencies[0]", "did you mean `T1`?"],
    ]);
  });

  it("does not repeat a misspelt required key as missing", () => {
    const { issues } = parsePlan(readFixture("invalid/unknown-key.yaml"), ".milestones/unknown-key.yaml");
    expect(issues.map((i) => i.code)).toEqual(["unknown-key"]);
  });
});
