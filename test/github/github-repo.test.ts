import { afterEach, describe, expect, it } from "vitest";
import { GitHubSnapshot } from "../../github/github-snapshot.js";
import { NAME, OWNER, appendWithRetry, setupGitHub } from "./github-setup.js";

const FILES = { "README.md": "# Rocket\n", ".milestones/plans/m1.yml": "id: m1\n", ".milestones/logs/m1.jsonl": "a\n" };
let env = setupGitHub(FILES);
afterEach(() => expect(env.gh.violations).toEqual([]));

describe("GitHubRepo reads", () => {
  it("reads a branch snapshot with one tree read and one blob read per file", async () => {
    env = setupGitHub(FILES);
    const repo = env.repo(env.client(), "main");
    env.gh.resetLog();
    const snap = await repo.snapshot("main");
    expect(await snap.list(".milestones/plans")).toEqual([".milestones/plans/m1.yml"]);
    expect(await snap.list("")).toEqual(["README.md"]);
    expect((await snap.read("./.milestones/plans/m1.yml"))?.text).toBe("id: m1\n");
    expect(await snap.read("nope.txt")).toBeUndefined();
    expect(env.gh.count()).toBe(2);
    const revision = await (snap as GitHubSnapshot).resolveRevision();
    expect(revision?.commit).toBe(env.gh.resolve(OWNER, NAME, "main"));
  });

  it("gives an empty snapshot for a missing branch", async () => {
    env = setupGitHub(FILES);
    const snap = await env.repo().snapshot("milestone/m1");
    expect(await snap.list("")).toEqual([]);
    expect(await snap.read("README.md")).toBeUndefined();
    expect(snap.revision).toBeUndefined();
  });

  it("works on the default branch's head while the branch is missing; the first write creates it", async () => {
    env = setupGitHub(FILES);
    const repo = env.repo();
    const work = await repo.work("milestone/m1");
    expect(work.revision?.commit).toBe(env.gh.resolve(OWNER, NAME, "main"));
    expect((await work.read("README.md"))?.text).toBe("# Rocket\n");
    const result = await repo.write({
      branch: "milestone/m1",
      base: work,
      changes: [{ kind: "append", path: ".milestones/logs/m1.jsonl", text: "b\n" }],
      message: "first",
    });
    expect(result.ok).toBe(true);
    expect(env.gh.readFile(OWNER, NAME, "milestone/m1", ".milestones/logs/m1.jsonl")).toBe("a\nb\n");
    expect(env.gh.readFile(OWNER, NAME, "main", ".milestones/logs/m1.jsonl")).toBe("a\n");
  });
});

describe("GitHubRepo writes", () => {
  it("writes append + put + delete as one commit in one write (createCommitOnBranch), then anchors the log (ADR 19)", async () => {
    env = setupGitHub(FILES);
    const repo = env.repo();
    const work = await repo.work("main");
    const before = env.gh.resolve(OWNER, NAME, "main");
    await work.read(".milestones/logs/m1.jsonl");
    env.gh.resetLog();
    const result = await repo.write({
      branch: "main",
      base: work,
      changes: [
        { kind: "append", path: ".milestones/logs/m1.jsonl", text: "b\n" },
        { kind: "put", path: "docs/new.md", text: "new\n" },
        { kind: "delete", path: "README.md" },
        { kind: "delete", path: "never-was.md" },
      ],
      message: "step",
    });
    expect(result.ok).toBe(true);
    // The commit; then the anchor: this log predates anchors, so its update is refused ("does not
    // exist") and the anchor is created (once; every later step pays one write).
    expect(env.gh.count({ write: true })).toBe(3);
    expect(env.gh.count()).toBe(4); // and one read: which of the deleted paths exist
    expect(env.gh.repo(OWNER, NAME).refs["refs/phasegate/anchors/m1"]).toBe(env.gh.resolve(OWNER, NAME, "main"));
    const after = env.gh.resolve(OWNER, NAME, "main");
    expect(env.gh.repo(OWNER, NAME).raw.objects.get(after as string)).toMatchObject({ parents: [before] });
    expect(env.gh.readFile(OWNER, NAME, "main", ".milestones/logs/m1.jsonl")).toBe("a\nb\n");
    expect(env.gh.readFile(OWNER, NAME, "main", "docs/new.md")).toBe("new\n");
    expect(env.gh.readFile(OWNER, NAME, "main", "README.md")).toBeUndefined();
    // The new snapshot knows its files without reading.
    env.gh.resetLog();
    const snap = result.ok ? result.snapshot : work;
    expect((await snap.read(".milestones/logs/m1.jsonl"))?.text).toBe("a\nb\n");
    expect(snap.revision).toEqual({ commit: after, tree: expect.any(String) });
    expect(env.gh.count()).toBe(0);
    // A list needs the new commit's tree: one read.
    expect(await snap.list("docs")).toEqual(["docs/new.md"]);
    expect(env.gh.count()).toBe(1);
  });

  it("lets one of two writers from the same base win; the other conflicts, re-reads and succeeds", async () => {
    env = setupGitHub(FILES);
    const [a, b] = [env.repo(), env.repo()];
    const path = ".milestones/logs/m1.jsonl";
    const [wa, wb] = [await a.work("main"), await b.work("main")];
    const step = (base: typeof wa, text: string) => ({
      branch: "main",
      base,
      changes: [{ kind: "append" as const, path, text }],
      message: text,
    });
    expect((await a.write(step(wa, "A\n"))).ok).toBe(true);
    expect(await b.write(step(wb, "B\n"))).toEqual({ ok: false, reason: "conflict" });
    expect((await b.write(step(await b.work("main"), "B\n"))).ok).toBe(true);
    expect(env.gh.readFile(OWNER, NAME, "main", path)).toBe("a\nA\nB\n");
  });

  it("keeps every one of 50 racing appends from two adapters exactly once", async () => {
    env = setupGitHub(FILES);
    const [a, b] = [env.repo(), env.repo()];
    const path = ".milestones/logs/m1.jsonl";
    const run = async (repo: typeof a, who: string) => {
      for (let i = 0; i < 25; i++) await appendWithRetry(repo, "milestone/m1", path, `${who}${i}\n`);
    };
    await Promise.all([run(a, "a"), run(b, "b")]);
    const lines = (env.gh.readFile(OWNER, NAME, "milestone/m1", path) ?? "").split("\n").filter(Boolean);
    expect(lines).toHaveLength(51);
    expect(new Set(lines).size).toBe(51);
    expect(lines.filter((l) => /^a\d+$/.test(l))).toEqual(Array.from({ length: 25 }, (_, i) => `a${i}`));
  });
});

describe("GitHubRepo on GitHub Enterprise Server", () => {
  it("sends GraphQL to /api/graphql, beside the REST base /api/v3", async () => {
    env = setupGitHub(FILES);
    const { Octokit } = await import("@octokit/rest");
    const { GitHubClient } = await import("../../github/index.js");
    const { GitHubRepo } = await import("../../github/github-repo.js");
    const octokit = new Octokit({ baseUrl: "https://ghe.example.test/api/v3", request: { fetch: env.gh.fetch } });
    const client = new GitHubClient({ octokit, clock: env.clock });
    const repo = new GitHubRepo({ client, owner: OWNER, repo: NAME, defaultBranch: "main" });
    env.gh.resetLog();
    await appendWithRetry(repo, "main", ".milestones/logs/m1.jsonl", "b\n");
    expect(env.gh.readFile(OWNER, NAME, "main", ".milestones/logs/m1.jsonl")).toBe("a\nb\n");
    expect(env.gh.requests.map((r) => r.operation)).toContain("graphql/createCommitOnBranch");
  });
});
