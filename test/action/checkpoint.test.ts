import { describe, expect, it } from "vitest";
import { sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo } from "../helpers/scratch-repo.js";
import { NAME, OWNER, setupApi } from "./api-setup.js";

/** A checkout of the milestone branch as actions/checkout leaves it, with the job's edits. */
const checkout = (files: Record<string, string>) => scratchRepo(files, "milestone/m1");

async function parentOf(fetch: typeof globalThis.fetch, sha: string): Promise<string | undefined> {
  const response = await fetch(`https://api.github.com/repos/${OWNER}/${NAME}/git/commits/${sha}`);
  return ((await response.json()) as { parents: { sha: string }[] }).parents[0]?.sha;
}

describe("checkpoint through the git data API", () => {
  it("one commit with the work, the auto_commit event and the session snapshot; a racing writer loses nothing", async () => {
    const { gh, run, execute, log } = setupApi(sampleFiles());
    await execute("m1");
    const ws = checkout({
      ...sampleFiles(),
      ".milestones/logs/m1.jsonl": gh.readFile(OWNER, NAME, "milestone/m1", ".milestones/logs/m1.jsonl")!,
    });
    try {
      ws.write("src/feature.ts", "export const feature = 1;\n");
      ws.write("docs/notes.md", "# Notes\n");
      ws.write(".env", "TOKEN=secret\n");
      // Another writer pushes to the milestone branch after the action read it and before it writes.
      let raced: string | undefined;
      const realFetch = gh.fetch;
      globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
        const request = new Request(input, init);
        if (
          !raced &&
          request.method === "POST" &&
          request.url.endsWith("/graphql") &&
          (await request.clone().text()).includes("createCommitOnBranch")
        ) {
          raced = gh.commitFiles(OWNER, NAME, "milestone/m1", { "other.txt": "theirs\n" }, "another writer");
        }
        return realFetch(request);
      }) as typeof fetch;
      const before = gh.resolve(OWNER, NAME, "milestone/m1");
      const result = await run({ command: "checkpoint", milestone: "m1", "min-changes": "1" }, { workspace: ws.root });
      expect(result.commands.filter((c) => c.command === "error")).toEqual([]);
      expect(raced).toBeDefined();
      const head = gh.resolve(OWNER, NAME, "milestone/m1")!;
      expect(result.outputs.commit).toBe(head);
      const read = (path: string) => gh.readFile(OWNER, NAME, "milestone/m1", path);
      expect([read("src/feature.ts"), read("docs/notes.md"), read("other.txt")]).toEqual([
        "export const feature = 1;\n",
        "# Notes\n",
        "theirs\n",
      ]);
      expect(read(".env")).toBeUndefined();
      expect(read(".milestones/sessions/gha-42-1.yaml")).toContain("save_reason: checkpoint");
      expect(
        log("m1")
          .slice(-2)
          .map((e) => e.event),
      ).toEqual(["auto_commit", "session_saved"]);
      // Never forced: the head's first parent is the other writer's commit, whose parent is `before`.
      expect(await parentOf(gh.fetch, head)).toBe(raced);
      expect(await parentOf(gh.fetch, raced!)).toBe(before);
      expect(result.commands.find((c) => c.command === "warning")?.message).toMatch(/not committed .*\.env/);
      expect(before).not.toBe(head);
      expect(gh.violations).toEqual([]);
    } finally {
      ws.cleanup();
    }
  });
});

describe("checkpoint conflicts", () => {
  it("a file someone else changed on the branch since the checkout is refused loudly; nothing is written", async () => {
    const { gh, run, execute } = setupApi(sampleFiles());
    await execute("m1");
    const ws = checkout(sampleFiles());
    try {
      ws.write("check.mjs", "// ours\n");
      gh.commitFiles(OWNER, NAME, "milestone/m1", { "check.mjs": "// theirs\n" }, "another writer");
      const head = gh.resolve(OWNER, NAME, "milestone/m1");
      const result = await run({ command: "checkpoint", milestone: "m1", "min-changes": "1" }, { workspace: ws.root });
      expect(result).toMatchObject({ ok: false, exitCode: 1 });
      expect(result.commands.find((c) => c.command === "error")?.message).toMatch(
        /refused: check\.mjs changed on milestone\/m1 since this checkout; nothing was written \(never forced\)/,
      );
      expect(gh.resolve(OWNER, NAME, "milestone/m1")).toBe(head);
      expect(gh.readFile(OWNER, NAME, "milestone/m1", "check.mjs")).toBe("// theirs\n");
    } finally {
      ws.cleanup();
    }
  });

  it("below the threshold: no commit, output commit empty", async () => {
    const { gh, run, execute } = setupApi(sampleFiles());
    await execute("m1");
    const ws = checkout(sampleFiles());
    try {
      ws.write("a.txt", "a\n");
      gh.resetLog();
      const result = await run({ command: "checkpoint", milestone: "m1" }, { workspace: ws.root });
      expect(result).toMatchObject({ ok: true, outputs: { commit: "" } });
      expect(result.summary).toContain("1 changed files, below the threshold of 10");
      expect(gh.count({ write: true })).toBe(0);
    } finally {
      ws.cleanup();
    }
  });
});

describe("claim and release", () => {
  it("records the claim and the release in the log on the milestone branch", async () => {
    const { gh, run, execute, log } = setupApi(sampleFiles());
    await execute("m1");
    const claimed = await run({ command: "claim", milestone: "m1", task: "T1" }, { env: { GITHUB_ACTOR: "bob" } });
    expect(claimed.commands.filter((c) => c.command === "error")).toEqual([]);
    expect(claimed.outputs.task).toBe("m1/T1");
    const released = await run({ command: "release", milestone: "m1", task: "T1" }, { env: { GITHUB_ACTOR: "bob" } });
    expect(released.ok).toBe(true);
    expect(log("m1").map((e) => e.event)).toEqual(expect.arrayContaining(["task_claimed", "task_released"]));
    expect(gh.violations).toEqual([]);
  });
});
