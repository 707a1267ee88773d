import { afterEach, describe, expect, it } from "vitest";
import { checkpoint, MilestoneHandle, type CommitInput } from "../../core/index.js";
import { openLocalContext } from "../../cli/local-context.js";
import type { LocalRepo } from "../../local/local-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { autoCommits, onBranch } from "../helpers/checkpoint-log.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/**
 * The local work tree, except that right after the `auto_commit` event is written (and before the
 * branch moves to the log's commit) someone commits on the branch with plain git.
 */
function movedAfterRecording(r: ScratchRepo, tree: LocalRepo): LocalRepo {
  const moving: LocalRepo = Object.create(tree) as LocalRepo;
  moving.commit = (input: CommitInput) => {
    const then = input.then;
    if (!then) return tree.commit.call(moving, input);
    const record = async (commit: string) => {
      const paths = await then.record(commit);
      r.write("someone-else.txt", "a commit made meanwhile\n");
      r.git("add", "someone-else.txt");
      r.git("commit", "-q", "-m", "meanwhile", "--", "someone-else.txt");
      return paths;
    };
    return tree.commit.call(moving, { ...input, then: { ...then, record } });
  };
  return moving;
}

describe("checkpoint when the branch moves before its commit reaches it", () => {
  it("refuses, leaves the branch and index alone, and the log says the commit did not reach the branch", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    repo.write("src/one.ts", "export const one = 1;\n");
    expect((await repo.cli("checkpoint", "m1", "--min-changes", "1")).code).toBe(0);
    const first = autoCommits(repo).at(-1)?.details.commit as string;
    repo.write("src/two.ts", "export const two = 2;\n");

    const ctx = await openLocalContext({
      cwd: repo.root,
      actor: "alice",
      session: "s-1",
      verbose: false,
      env: repo.env,
    });
    const handle = await MilestoneHandle.open(ctx, "m1");
    const moved = { ...ctx, workTree: movedAfterRecording(repo, ctx.repo) };
    await expect(checkpoint(moved, handle, { minChanges: 1 })).rejects.toThrow(
      /moved while the checkpoint ran.*did not reach it.*the log records that it did not/,
    );

    // The branch is where the other commit put it; the user's index has nothing of the checkpoint.
    expect(repo.git("log", "-1", "--format=%s", "milestone/m1").trim()).toBe("meanwhile");
    expect(repo.git("diff", "--cached", "--name-only")).toBe("");
    expect(repo.git("status", "--porcelain", "--", "src/two.ts")).toBe("?? src/two.ts\n");
    // Every auto_commit naming a commit off the branch is followed by one saying it did not reach it.
    const events = autoCommits(repo);
    const [named, withdrawn] = events.slice(-2);
    expect(named?.details.reached_branch).toBeUndefined();
    const lost = named?.details.commit as string;
    expect(onBranch(repo, lost)).toBe(false);
    expect(withdrawn?.details).toMatchObject({
      commit: lost,
      reached_branch: false,
      last_checkpoint: { commit: first },
    });
    expect(String(withdrawn?.details.reason)).toMatch(/milestone\/m1/);
    for (const e of events) {
      const commit = e.details.commit as string;
      const said = events.some((w) => w.details.commit === commit && w.details.reached_branch === false);
      expect(onBranch(repo, commit) || said).toBe(true);
    }
    // The last checkpoint is the one before again; the log still verifies.
    expect((await MilestoneHandle.open(ctx, "m1")).state.lastCheckpoint?.commit).toBe(first);
    expect((await repo.cli("verify", "m1")).code).toBe(0);

    // Run again, the checkpoint commits the work and the log (both events) on top of the moved branch.
    const again = await repo.cli("checkpoint", "m1", "--min-changes", "1");
    expect(again.code).toBe(0);
    const last = autoCommits(repo).at(-1)?.details.commit as string;
    expect(onBranch(repo, last)).toBe(true);
    expect(repo.git("show", "--name-only", "--format=", last).split("\n")).toContain("src/two.ts");
    expect(repo.git("status", "--porcelain")).toBe("");
  });
});
