import { mkdtempSync, readdirSync, rmSync, utimesSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseLog } from "../../core/events/parse-log.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { traceGit } from "../helpers/git-trace.js";

const LOG = ".milestones/logs/m1.jsonl";
let repo: ScratchRepo;
const tmp = process.env.TMPDIR;
afterEach(() => {
  delete process.env.GIT_TRACE;
  if (tmp === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmp;
  repo?.cleanup();
});

/** Run the CLI with git's trace on; returns the git commands it started (`git <verb>`). */
async function traced(r: ScratchRepo, ...args: string[]): Promise<{ code: number; err: string; git: string[] }> {
  const { result, verbs } = await traceGit(() => r.cli(...args), join(r.root, ".git", "trace.txt"));
  return { code: result.code, err: result.err, git: verbs };
}

describe("git processes a command starts", () => {
  it("claim: one git config (default branch and merge driver), and none once git's answers are known", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    // The default branch moves to a commit made here: a loose object, read without git (ADR 42).
    repo.git("switch", "-q", "main");
    repo.git("commit", "-q", "--allow-empty", "-m", "the default branch moves");
    repo.git("switch", "-q", "milestone/m1");
    // The merge driver's registration wrote the config just now: old enough to be trusted (ADR 40).
    const old = Date.now() / 1000 - 10;
    utimesSync(join(repo.root, ".git", "config"), old, old);
    const loose = await traced(repo, "claim", "m1", "T1", "--as", "bob");
    expect(loose.code).toBe(0);
    expect(loose.git).toEqual(["config"]);
    // A commit git packed (a fetch, a gc) is asked of git for its refs and objects (ADR 37).
    repo.git("switch", "-q", "main");
    repo.git("commit", "-q", "--allow-empty", "-m", "the default branch moves again");
    repo.git("switch", "-q", "milestone/m1");
    repo.git("repack", "-a", "-d", "-q");
    repo.git("prune-packed");
    const cold = await traced(repo, "claim", "m1", "T1", "--as", "bob");
    expect(cold.code).toBe(0);
    expect(cold.git.filter((verb) => verb === "cat-file")).toHaveLength(1);
    expect(cold.git.filter((verb) => verb === "config")).toEqual([]); // git's answer is known (ADR 40)
    expect(cold.git.length).toBeLessThanOrEqual(3);
    // Later ones read the refs from their files, the plan's version and the settings from what git said.
    const { code, git } = await traced(repo, "claim", "m1", "T1", "--as", "bob");
    expect(code).toBe(0);
    expect(git).toEqual([]);
  });

  it("without --as the actor is git's github.user, else user.name, read by the same git config", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
    const claimant = () =>
      parseLog(repo.read(LOG), "m1")
        .events.filter((e) => e.event === "task_claimed")
        .at(-1)?.actor;
    repo.git("config", "user.name", "dave");
    repo.git("config", "github.user", "carol");
    const carol = await traced(repo, "claim", "m1", "T1");
    expect(carol.code).toBe(0);
    expect(claimant()).toBe("carol");
    expect(carol.git).toEqual(["config"]);
    expect((await repo.cli("release", "m1", "T1", "--as", "carol")).code).toBe(0);
    repo.git("config", "github.user", "");
    const dave = await traced(repo, "claim", "m1", "T1");
    expect(dave.code).toBe(0);
    expect(claimant()).toBe("dave");
    expect(dave.git).toEqual(["config"]);
  });

  it("checkpoint of 20 changed files: plumbing (no `git commit`), 13 processes, nothing left modified", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    for (let i = 1; i <= 20; i++) repo.write(`src/file-${i}.txt`, `file ${i}\n`);
    const { code, err, git } = await traced(repo, "checkpoint", "m1", "--as", "bob");
    expect(err).toBe("");
    expect(code).toBe(0);
    expect(git).not.toContain("commit");
    expect(git).toEqual(expect.arrayContaining(["write-tree", "commit-tree", "update-ref"]));
    // Two commits and one ref update: the work, then the log naming it on top (ADR 20).
    expect(git.filter((verb) => verb === "commit-tree")).toHaveLength(2);
    expect(git.filter((verb) => verb === "update-ref")).toHaveLength(1);
    // HEAD, its tree and the changes come from one `git status` and the work snapshot: nothing asks
    // git again what it already said (rev-parse, symbolic-ref, check-ignore of paths status listed).
    expect(git.filter((verb) => ["rev-parse", "symbolic-ref", "check-ignore"].includes(verb))).toEqual([]);
    expect(git.length).toBeLessThanOrEqual(13);
    expect(repo.git("status", "--porcelain")).toBe("");
    expect(repo.git("show", "--name-only", "--format=", "HEAD~1").split("\n")).toContain("src/file-20.txt");
    expect(repo.git("show", "--name-only", "--format=", "HEAD").split("\n")).toContain(".milestones/logs/m1.jsonl");
  });

  it("status and the next checkpoint check the last checkpoint's commit without a git process while it is HEAD's parent", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    repo.write("src/one.txt", "one\n");
    expect((await repo.cli("checkpoint", "m1", "--min-changes", "1", "--as", "bob")).code).toBe(0);
    const status = await traced(repo, "status", "m1");
    expect(status.code).toBe(0);
    // The commits a checkpoint made here are loose objects: read without git (ADR 42).
    expect(status.git.filter((verb) => verb === "cat-file")).toEqual([]);
    expect(status.git.filter((verb) => ["merge-base", "rev-parse", "rev-list"].includes(verb))).toEqual([]);
    // Packed, they come through one cat-file session.
    repo.git("repack", "-a", "-d", "-q");
    repo.git("prune-packed");
    const packed = await traced(repo, "status", "m1");
    expect(packed.code).toBe(0);
    expect(packed.git.filter((verb) => verb === "cat-file")).toHaveLength(1);
    expect(packed.git.filter((verb) => ["merge-base", "rev-parse", "rev-list"].includes(verb))).toEqual([]);
    repo.write("src/two.txt", "two\n");
    const next = await traced(repo, "checkpoint", "m1", "--min-changes", "1", "--as", "bob");
    expect(next.code).toBe(0);
    expect(next.git.filter((verb) => ["merge-base", "rev-parse", "rev-list"].includes(verb))).toEqual([]);
    expect(next.git.length).toBeLessThanOrEqual(13);
    // A commit of the user's on top: one `merge-base --is-ancestor`, and the checkpoint still stands.
    repo.write("src/three.txt", "three\n");
    repo.git("add", "src/three.txt");
    repo.git("commit", "-q", "-m", "by hand");
    const after = await traced(repo, "status", "m1");
    expect(after.code).toBe(0);
    expect(after.git.filter((verb) => verb === "merge-base")).toHaveLength(1);
  });

  it("checkpoint reads HEAD's tree into its temporary index once, and leaves none behind, committed or not", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    const scratch = mkdtempSync(join(tmpdir(), "phasegate-tmpdir-"));
    process.env.TMPDIR = scratch;
    for (let i = 1; i <= 3; i++) repo.write(`src/file-${i}.txt`, `file ${i}\n`);
    const below = await traced(repo, "checkpoint", "m1", "--min-changes", "50", "--as", "bob");
    expect(below.code).toBe(0);
    expect(below.git).toContain("read-tree"); // started while the files were screened, then removed
    expect(repo.git("log", "-1", "--format=%s")).not.toMatch(/^checkpoint/);
    expect(readdirSync(scratch)).toEqual([]);
    const { code, git } = await traced(repo, "checkpoint", "m1", "--min-changes", "1", "--as", "bob");
    expect(code).toBe(0);
    expect(git.filter((verb) => verb === "read-tree")).toHaveLength(1);
    expect(readdirSync(scratch)).toEqual([]);
    expect(repo.git("status", "--porcelain")).toBe("");
    rmSync(scratch, { recursive: true, force: true });
  });
});
