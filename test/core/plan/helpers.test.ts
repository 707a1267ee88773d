import { describe, expect, it } from "vitest";
import { didYouMean, editDistance } from "../../../core/plan/did-you-mean.js";
import { explainBranchName } from "../../../core/plan/explain-branch-name.js";
import { explainRepoPath } from "../../../core/plan/explain-repo-path.js";
import { findCycles } from "../../../core/plan/find-cycles.js";
import { formatPath } from "../../../core/plan/format-path.js";
import { parseDuration } from "../../../core/plan/parse-duration.js";
import { slugify } from "../../../core/plan/slugify.js";

describe("didYouMean", () => {
  const keys = ["title", "tasks", "approvers", "approval_required", "assignees", "dependencies"];
  it.each([
    ["titel", "title"],
    ["approvalRequired", "approval_required"],
    ["assignee", "assignees"],
    ["dependancies", "dependencies"],
    ["Title", "title"],
    ["zzz", undefined],
    ["", undefined],
    ["x".repeat(100), undefined],
  ])("%s → %s", (word, expected) => expect(didYouMean(word, keys)).toBe(expected));

  it.each([
    ["kitten", "sitting", 3],
    ["titel", "title", 1],
    ["", "abc", 3],
  ])("editDistance(%s, %s) = %i", (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe("parseDuration", () => {
  it.each([
    ["30m", 1_800_000],
    ["4h", 14_400_000],
    ["2d", 172_800_000],
    ["1h30m", 5_400_000],
    ["1w", 604_800_000],
    ["500ms", 500],
    ["366d", 366 * 86_400_000],
  ])("%s → %i ms", (text, ms) => expect(parseDuration(text)).toBe(ms));
  it.each(["", "4", "4 h", "4hours", "-1h", "0h", "367d", "1.5h", "h", "9999999999d"])("rejects %j", (text) =>
    expect(parseDuration(text)).toBeUndefined(),
  );
});

describe("slugify", () => {
  it.each([
    ["Token service", "token-service"],
    ["  --Auth: v2!!  ", "auth-v2"],
    ["Ærø Łódź Þing", "aero-lodz-thing"],
    ["日本語", ""],
    ["a".repeat(70), "a".repeat(64)],
    [`${"a".repeat(63)} b`, "a".repeat(63)],
  ])("%j → %j", (title, slug) => expect(slugify(title)).toBe(slug));
});

describe("explainRepoPath", () => {
  it.each([
    "docs/design.md",
    ".kiro/specs/{spec}/design.md",
    "a/b/c.txt",
    "docs/with space.md",
    ".github/workflows/ci.yml",
  ])("accepts %s", (path) => expect(explainRepoPath(path)).toBeUndefined());
  it.each([
    ["", "is empty"],
    ["/etc/passwd", "is absolute"],
    ["C:/x.md", "is absolute"],
    ["c:x.md", "is absolute"],
    ["~/x.md", "is absolute"],
    ["docs\\x.md", "uses backslashes"],
    ["..", "escapes the repository"],
    ["a/../../b", "escapes the repository"],
    ["a/../b", "is not normalised"],
    ["./a", "is not normalised"],
    ["a//b", "is not normalised"],
    [".git/config", "points into `.git/`"],
    ["sub/.GIT/HEAD", "points into `.git/`"],
    ["docs/", "names a folder"],
    ["docs/{id}.md", "unknown placeholder `{id}`"],
    ["a\u0000b", "control characters"],
  ])("rejects %j: %s", (path, problem) => expect(explainRepoPath(path)?.message).toContain(problem));
});

describe("explainBranchName", () => {
  it.each(["milestone/auth-v2", "release/2026.1", "feature/a_b"])("accepts %s", (name) =>
    expect(explainBranchName(name)).toBeUndefined(),
  );
  it.each([
    ["", "is empty"],
    ["a b", "space"],
    ["a..b", "contains `..`"],
    ["a/.hidden", "starts with `.`"],
    ["a/b.lock", "ends with `.lock`"],
    ["a/", "empty path component"],
    ["a//b", "empty path component"],
    ["a.", "ends with `.`"],
    ["a@{b", "`@{`"],
    ["-x", "starts with `-`"],
    ["HEAD", "`HEAD`"],
    ["a:b", "one of"],
    ["x".repeat(256), "255"],
  ])("rejects %j: %s", (name, problem) => expect(explainBranchName(name)).toContain(problem));
});

describe("findCycles", () => {
  const graph = (edges: Record<string, string[]>) => (node: string) => edges[node] ?? [];
  it.each<[string, Record<string, string[]>, string[][]]>([
    ["none", { a: ["b"], b: ["c"] }, []],
    ["two", { a: ["b"], b: ["a"] }, [["a", "b", "a"]]],
    ["starts at the first listed node", { c: ["a"], a: ["b"], b: ["c"] }, [["a", "b", "c", "a"]]],
    ["ignores self loops and unknown nodes", { a: ["a", "zz"], b: [] }, []],
    [
      "finds separate cycles",
      { a: ["b"], b: ["a"], c: ["d"], d: ["c"] },
      [
        ["a", "b", "a"],
        ["c", "d", "c"],
      ],
    ],
  ])("%s", (_name, edges, cycles) => {
    const nodes = ["a", "b", "c", "d"].filter((n) => n in edges || Object.values(edges).flat().includes(n));
    expect(findCycles(nodes, graph(edges))).toEqual(cycles);
  });
  it("survives a 20 000-task chain without overflowing the stack", () => {
    const nodes = Array.from({ length: 20_000 }, (_, i) => `T${i}`);
    expect(findCycles(nodes, (n) => [`T${Number(n.slice(1)) + 1}`])).toEqual([]);
  });
});

describe("formatPath", () => {
  it.each<[Array<string | number>, string]>([
    [[], ""],
    [["tasks", 2, "dependencies", 0], "tasks[2].dependencies[0]"],
    [["tasks", 0, "kiro_workflow", "phases", "my phase"], 'tasks[0].kiro_workflow.phases["my phase"]'],
  ])("%j → %s", (path, text) => expect(formatPath(path)).toBe(text));
});
