/** The App's ports serve one delivery: what it read once it does not read again, and no more (ADR 36). */
import { afterEach, describe, expect, it } from "vitest";
import { GitHubRepo } from "../../github/github-repo.js";
import { NAME, OWNER, setupGitHub } from "./github-setup.js";

const PLAN = ".milestones/m1.yaml";
let env = setupGitHub({ [PLAN]: "id: m1\n", "README.md": "x\n" });
afterEach(() => expect(env.gh.violations).toEqual([]));

function delivery(client = env.client()): GitHubRepo {
  return new GitHubRepo({ client, owner: OWNER, repo: NAME, defaultBranch: "main", delivery: true });
}

describe("a delivery's snapshots", () => {
  it("reads the default branch once, at one commit; the next delivery sees the push", async () => {
    env = setupGitHub({ [PLAN]: "id: m1\n", "README.md": "x\n" });
    const repo = delivery();
    env.gh.resetLog();
    const first = await repo.snapshot("main", { paths: [PLAN] });
    expect((await first.read(PLAN))?.text).toBe("id: m1\n");
    // The plan's folder was listed with it: listing the plans reads no tree.
    expect(await first.list(".milestones")).toEqual([PLAN]);
    expect(env.gh.count()).toBe(1);

    env.gh.commitFiles(OWNER, NAME, "main", { [PLAN]: "id: m1\ntitle: pushed\n" }, "A push during the delivery");
    const again = await repo.snapshot("main", { paths: [PLAN] });
    expect(again).toBe(first);
    expect((await again.read(PLAN))?.text).toBe("id: m1\n");
    expect(env.gh.count()).toBe(1);

    // Another delivery, and an adapter that does not serve one (the Action, the CLI): the push is there.
    expect((await (await delivery().snapshot("main")).read(PLAN))?.text).toBe("id: m1\ntitle: pushed\n");
    expect((await (await env.repo(env.client(), "main").snapshot("main")).read(PLAN))?.text).toContain("pushed");
  });

  it("keeps a commit's snapshot, never a milestone branch's head: work() reads it every time", async () => {
    env = setupGitHub({ [PLAN]: "id: m1\n" });
    env.gh.commitFiles(OWNER, NAME, "milestone/m1", { "log.jsonl": "a\n" }, "Log");
    const sha = env.gh.resolve(OWNER, NAME, "main") as string;
    const repo = delivery();
    expect(await repo.snapshot(sha)).toBe(await repo.snapshot(sha.toUpperCase()));
    const before = await repo.work("milestone/m1", { paths: ["log.jsonl"] });
    env.gh.commitFiles(OWNER, NAME, "milestone/m1", { "log.jsonl": "a\nb\n" }, "Another writer");
    const after = await repo.work("milestone/m1", { paths: ["log.jsonl"] });
    expect(after.revision?.commit).not.toBe(before.revision?.commit);
    expect((await after.read("log.jsonl"))?.text).toBe("a\nb\n");
  });
});
