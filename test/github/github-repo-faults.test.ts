import { afterEach, describe, expect, it } from "vitest";
import type { FaultEffect } from "../helpers/fake-github/index.js";
import { NAME, OWNER, appendWithRetry, setupGitHub } from "./github-setup.js";

const LOG = ".milestones/logs/m1.jsonl";
const FILES = { "README.md": "# Rocket\n", [LOG]: "a\n" };
let env = setupGitHub(FILES);
afterEach(() => expect(env.gh.violations).toEqual([]));

const EFFECTS: [string, FaultEffect][] = [
  ["a 500", { status: 500 }],
  ["a secondary limit", { secondaryLimit: { retryAfterSeconds: 30 } }],
  ["a lost response", { lostResponse: true }],
  ["a timeout", { timeout: true }],
];

/**
 * Every request of one append step (work + read + write) on an existing branch (one GraphQL query for
 * the head and the log, one createCommitOnBranch) and on a new one (the query, then the REST writes).
 */
const QUERY = { path: /^\/graphql$/, operation: "graphql/query" };
const EXISTING: [string, string, { path: RegExp; operation?: string }][] = [
  ["read the head and the log (GraphQL)", "POST", QUERY],
  ["commit on the branch (GraphQL)", "POST", { path: /^\/graphql$/, operation: "graphql/createCommitOnBranch" }],
];
const CREATING: [string, string, { path: RegExp; operation?: string }][] = [
  ["read the head and the log (GraphQL)", "POST", QUERY],
  ["read the tree", "GET", { path: /\/git\/trees\// }],
  ["create the tree", "POST", { path: /\/git\/trees$/ }],
  ["create the commit", "POST", { path: /\/git\/commits$/ }],
  ["create the branch", "POST", { path: /\/git\/refs$/ }],
];

describe.each(EFFECTS)("GitHubRepo under %s", (_name, effect) => {
  it.each(EXISTING)("on the request to %s: one commit, the append present once", async (_what, method, match) => {
    env = setupGitHub(FILES);
    const start = env.gh.resolve(OWNER, NAME, "main");
    env.gh.inject({ method, ...match, ...effect });
    await appendWithRetry(env.repo(), "main", LOG, "b\n");
    expect(env.gh.pendingFaults()).toEqual([]);
    expect(env.gh.readFile(OWNER, NAME, "main", LOG)).toBe("a\nb\n");
    const head = env.gh.resolve(OWNER, NAME, "main") as string;
    expect(env.gh.repo(OWNER, NAME).raw.objects.get(head)).toMatchObject({ parents: [start] });
  });

  it.each(CREATING)(
    "on a new branch, on the request to %s: the branch is created once",
    async (_what, method, match) => {
      env = setupGitHub(FILES);
      const start = env.gh.resolve(OWNER, NAME, "main");
      env.gh.inject({ method, ...match, ...effect });
      await appendWithRetry(env.repo(env.client(), "main"), "milestone/m1", LOG, "b\n");
      expect(env.gh.pendingFaults()).toEqual([]);
      expect(env.gh.readFile(OWNER, NAME, "milestone/m1", LOG)).toBe("a\nb\n");
      const head = env.gh.resolve(OWNER, NAME, "milestone/m1") as string;
      expect(env.gh.repo(OWNER, NAME).raw.objects.get(head)).toMatchObject({ parents: [start] });
    },
  );
});

describe("GitHubRepo request budget", () => {
  it("does work() + one read + one step in 2 requests + the anchor, and a step alone in 1 + 1", async () => {
    env = setupGitHub(FILES);
    const repo = env.repo();
    env.gh.resetLog();
    const work = await repo.work("main", { paths: [LOG] });
    await work.read(LOG);
    const first = await repo.write({
      branch: "main",
      base: work,
      changes: [{ kind: "append", path: LOG, text: "b\n" }],
      message: "1",
    });
    // + 2: the anchor of a log that predates anchors (an update refused, then the creation).
    expect(env.gh.count()).toBe(4);
    env.gh.resetLog();
    if (!first.ok) throw new Error("conflict");
    await repo.write({
      branch: "main",
      base: first.snapshot,
      changes: [{ kind: "append", path: LOG, text: "c\n" }],
      message: "2",
    });
    expect(env.gh.count()).toBe(2); // + 1: the anchor moves to the step's commit (ADR 19)
    expect(env.gh.readFile(OWNER, NAME, "main", LOG)).toBe("a\nb\nc\n");
  });

  it("paces writes under the secondary limit instead of hitting it", async () => {
    env = setupGitHub(FILES, { contentLimit: { perMinute: 80, perHour: 500 } });
    const repo = env.repo();
    for (let i = 0; i < 40; i++) await appendWithRetry(repo, "main", LOG, `${i}\n`);
    expect(env.gh.count({ status: 403 })).toBe(0);
    // One commit and one anchor update per step, and one more to create the anchor (ADR 19).
    expect(env.gh.count({ write: true })).toBe(81);
    expect((env.gh.readFile(OWNER, NAME, "main", LOG) ?? "").split("\n")).toHaveLength(42);
  });
});
