import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { checkpoint, MilestoneHandle, scan, type CommitInput, type Context, type LogEvent } from "../../core/index.js";
import { openLocalContext } from "../../cli/local-context.js";
import type { LocalRepo } from "../../local/local-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { autoCommits, onBranch } from "../helpers/checkpoint-log.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
const LOG = ".milestones/logs/m1.jsonl";

let repo: ScratchRepo;
let scratch: string | undefined;
afterEach(() => {
  repo?.cleanup();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = undefined;
});

const withdrawals = (r: ScratchRepo, commit: string) =>
  autoCommits(r).filter((e) => e.details.commit === commit && e.details.reached_branch === false);

/** A repository with one checkpoint on milestone/m1 and new work in the working tree; returns the checkpoint's commit. */
async function withOneCheckpoint(): Promise<string> {
  repo = scratchRepo(sampleFiles(), "milestone/m1");
  expect((await repo.cli("execute", "m1")).code).toBe(0);
  repo.write("src/one.ts", "export const one = 1;\n");
  expect((await repo.cli("checkpoint", "m1", "--min-changes", "1")).code).toBe(0);
  repo.write("src/two.ts", "export const two = 2;\n");
  return autoCommits(repo).at(-1)?.details.commit as string;
}

class Died extends Error {}

/**
 * The local work tree, except that the process "dies" right after the `auto_commit` event is
 * written: nothing after it runs (no log commit, no `update-ref`, no `then.lost`), as with kill -9.
 */
function diesAfterRecording(tree: LocalRepo): LocalRepo {
  const dying: LocalRepo = Object.create(tree) as LocalRepo;
  dying.commit = (input: CommitInput) => {
    const then = input.then;
    if (!then) return tree.commit.call(dying, input);
    const record = async (commit: string) => {
      await then.record(commit);
      throw new Died(commit);
    };
    return tree.commit.call(dying, { ...input, then: { record, message: then.message } });
  };
  return dying;
}

/** A checkpoint through the core, dying between its event and the branch's move; returns the commit it named. */
async function crashedCheckpoint(r: ScratchRepo): Promise<string> {
  const ctx = await openLocalContext({ cwd: r.root, actor: "alice", session: "s-1", verbose: false, env: r.env });
  const handle = await MilestoneHandle.open(ctx, "m1");
  const died = await checkpoint({ ...ctx, workTree: diesAfterRecording(ctx.repo) }, handle, { minChanges: 1 }).then(
    () => undefined,
    (error: unknown) => error,
  );
  expect(died).toBeInstanceOf(Died);
  const lost = (died as Died).message;
  expect(autoCommits(r).at(-1)?.details).toMatchObject({ commit: lost, files_changed: 1 });
  expect(onBranch(r, lost)).toBe(false);
  return lost;
}

/** Every auto_commit names a commit on the branch, or a later one says it did not reach it. */
function everyCheckpointAccountedFor(r: ScratchRepo): void {
  const events = autoCommits(r);
  for (const e of events) {
    const commit = e.details.commit as string;
    const said = events.some((w) => w.seq > e.seq && w.details.commit === commit && w.details.reached_branch === false);
    expect(e.details.reached_branch === false || onBranch(r, commit) || said).toBe(true);
  }
}

describe("a checkpoint that died between its auto_commit and moving the branch", () => {
  it("status and verify report it (the log still verifies); the next checkpoint records it once and commits", async () => {
    const first = await withOneCheckpoint();
    const lost = await crashedCheckpoint(repo);

    const status = await repo.cli("status", "m1");
    expect(status.code).toBe(1);
    expect(status.out).toMatch(new RegExp(`${lost.slice(0, 12)} is not in the history of milestone/m1`));
    expect(status.out).toMatch(/stopped before milestone\/m1 moved to it/);
    const verify = await repo.cli("verify", "m1");
    expect(verify.code).toBe(1);
    expect(verify.out).toMatch(/events, the chain verifies/);
    expect(verify.out).toMatch(new RegExp(`evidence: line \\d+: the last checkpoint's commit ${lost.slice(0, 12)}`));
    expect(withdrawals(repo, lost)).toHaveLength(0); // they only look

    const again = await repo.cli("checkpoint", "m1", "--min-changes", "1", "--json");
    expect(again.code).toBe(0);
    const result = JSON.parse(again.out) as { committed: boolean; commit: string; withdrawn?: { commit: string } };
    expect(result.withdrawn?.commit).toBe(lost);
    const [withdrawal] = withdrawals(repo, lost);
    expect(withdrawals(repo, lost)).toHaveLength(1);
    expect(withdrawal?.details).toMatchObject({
      reached_branch: false,
      files_changed: 0,
      last_checkpoint: { commit: first },
    });
    // The work the dead checkpoint held is committed by this one, on top of the branch.
    expect(result.committed).toBe(true);
    expect(onBranch(repo, result.commit)).toBe(true);
    expect(repo.git("show", "--name-only", "--format=", result.commit).split("\n")).toContain("src/two.ts");
    expect(repo.git("status", "--porcelain")).toBe("");
    everyCheckpointAccountedFor(repo);

    expect((await repo.cli("status", "m1")).code).toBe(0);
    expect((await repo.cli("verify", "m1")).code).toBe(0);
    expect((await repo.cli("checkpoint", "m1", "--min-changes", "0")).code).toBe(0);
    expect(withdrawals(repo, lost)).toHaveLength(1);
  });

  it("two scans at once record it once; the last checkpoint is the one before again", async () => {
    const first = await withOneCheckpoint();
    const lost = await crashedCheckpoint(repo);
    const scans = await Promise.all([repo.cli("scan", "m1"), repo.cli("scan", "m1")]);
    expect(scans.map((s) => s.err)).toEqual(["", ""]);
    expect(
      scans.filter((s) => s.out.includes(`checkpoint ${lost.slice(0, 10)} did not reach the branch`)),
    ).toHaveLength(1);
    expect(withdrawals(repo, lost)).toHaveLength(1);
    const ctx = await openLocalContext({
      cwd: repo.root,
      actor: "alice",
      session: "s-2",
      verbose: false,
      env: repo.env,
    });
    expect((await MilestoneHandle.open(ctx, "m1")).state.lastCheckpoint?.commit).toBe(first);
    expect((await repo.cli("scan", "m1")).out).not.toMatch(/did not reach/);
    expect(withdrawals(repo, lost)).toHaveLength(1);
  });

  it("a commit git has since removed (gc) is named as not in the repository", async () => {
    await withOneCheckpoint();
    const lost = await crashedCheckpoint(repo);
    repo.git("reflog", "expire", "--expire=now", "--all");
    repo.git("gc", "-q", "--prune=now");
    expect(() => repo.git("cat-file", "-e", lost)).toThrow();
    expect((await repo.cli("checkpoint", "m1", "--min-changes", "1")).code).toBe(0);
    const [withdrawal] = withdrawals(repo, lost);
    expect(String(withdrawal?.details.reason)).toMatch(/is not in this repository/);
    everyCheckpointAccountedFor(repo);
  });

  it("a later commit on top of the checkpoint keeps it: reached, nothing recorded", async () => {
    const first = await withOneCheckpoint();
    repo.git("add", "src/two.ts");
    repo.git("commit", "-q", "-m", "by hand");
    repo.write("src/three.ts", "export const three = 3;\n");
    expect((await repo.cli("status", "m1")).code).toBe(0);
    expect((await repo.cli("checkpoint", "m1", "--min-changes", "1")).code).toBe(0);
    expect(withdrawals(repo, first)).toHaveLength(0);
    expect(autoCommits(repo)).toHaveLength(2);
  });

  it("a rebase that drops a checkpoint from the branch is said so, and the one before is the last again", async () => {
    const first = await withOneCheckpoint();
    expect((await repo.cli("checkpoint", "m1", "--min-changes", "1")).code).toBe(0);
    const second = autoCommits(repo).at(-1)?.details.commit as string;
    // A rebase that drops the second checkpoint's commit and keeps its log commit (which records it).
    repo.git("rebase", "-q", "--onto", `${second}~1`, second);
    expect(onBranch(repo, second)).toBe(false);
    expect(repo.read(LOG)).toContain(second);

    expect((await repo.cli("scan", "m1")).code).toBe(0);
    const [withdrawal] = withdrawals(repo, second);
    expect(String(withdrawal?.details.reason)).toMatch(/held it once: a rebase or a forced update/);
    expect(withdrawal?.details.last_checkpoint).toMatchObject({ commit: first });
  });

  it("a rebase that copies a checkpoint (git pull --rebase) keeps it: nothing said or recorded", async () => {
    const first = await withOneCheckpoint();
    repo.git("switch", "-q", "-c", "upstream", `${first}~1`);
    repo.write("upstream.txt", "from elsewhere\n");
    repo.git("add", "upstream.txt");
    repo.git("commit", "-q", "-m", "upstream");
    repo.git("switch", "-q", "milestone/m1");
    repo.git("rebase", "-q", "upstream");
    expect(onBranch(repo, first)).toBe(false);
    expect((await repo.cli("status", "m1")).code).toBe(0);
    expect((await repo.cli("verify", "m1")).code).toBe(0);
    expect((await repo.cli("checkpoint", "m1", "--min-changes", "1")).code).toBe(0);
    expect(withdrawals(repo, first)).toHaveLength(0);
  });

  it("a clone that cannot tell (shallow, the commit not fetched) records nothing", async () => {
    await withOneCheckpoint();
    repo.git("add", "src/two.ts");
    repo.git("commit", "-q", "-m", "by hand");
    scratch = mkdtempSync(join(tmpdir(), "phasegate-shallow-"));
    const clone = join(scratch, "clone");
    repo.git("clone", "-q", "--depth", "1", "--no-single-branch", `file://${repo.root}`, clone);
    repo.git("-C", clone, "remote", "set-head", "origin", "main");
    repo.git("-C", clone, "switch", "-q", "milestone/m1");
    const shallow = { ...repo, root: clone, read: (path: string) => readFileSync(join(clone, path), "utf8") };
    const { main } = await import("../../cli/main.js");
    const before = autoCommits(shallow as ScratchRepo).length;
    // status reports, scan is what would record a withdrawal: neither may say the checkpoint was lost.
    for (const command of ["status", "scan"]) {
      let out = "";
      const code = await main(
        [command, "m1"],
        { out: (t) => void (out += t), err: () => undefined, json: false },
        { cwd: clone, env: { ...repo.env, PHASEGATE_SESSION: "s-test" } },
      );
      expect(out).not.toMatch(/did not reach|is not in/);
      expect(code).toBe(0);
    }
    expect(autoCommits(shallow as ScratchRepo)).toHaveLength(before);
    expect(autoCommits(shallow as ScratchRepo).every((e) => e.details.reached_branch !== false)).toBe(true);
  });
});

describe("a scan or a checkpoint while a checkpoint runs", () => {
  const others = {
    scan: (ctx: Context, handle: MilestoneHandle) => scan(ctx, handle).then((report) => report.events),
    checkpoint: (ctx: Context, handle: MilestoneHandle) =>
      checkpoint(ctx, handle, { minChanges: 0 }).then((result) => (result.committed ? result.events : [])),
  };
  it.each(Object.keys(others) as (keyof typeof others)[])(
    "%s, opened between the event and the branch's move, waits for the checkpoint and finds the commit reached",
    async (name) => {
      await withOneCheckpoint();
      const open = () =>
        openLocalContext({ cwd: repo.root, actor: "alice", session: "s-3", verbose: false, env: repo.env });
      const ctx = await open();
      const handle = await MilestoneHandle.open(ctx, "m1");
      let ran: Promise<LogEvent[]> | undefined;
      const running: LocalRepo = Object.create(ctx.repo) as LocalRepo;
      running.commit = (input: CommitInput) => {
        const then = input.then as NonNullable<CommitInput["then"]>;
        const record = async (commit: string) => {
          const paths = await then.record(commit);
          // The event is written, the branch not moved: the other command opens the log now.
          const other = await open();
          let waiting!: () => void;
          const locking = new Promise<void>((resolve) => (waiting = resolve));
          const tree: LocalRepo = Object.create(other.repo) as LocalRepo;
          tree.serialise = (fn) => (waiting(), other.repo.serialise(fn));
          const otherHandle = await MilestoneHandle.open(other, "m1");
          expect(otherHandle.state.lastCheckpoint?.commit).toBe(commit);
          ran = others[name]({ ...other, workTree: tree }, otherHandle);
          await locking; // it waits for the checkpoint lock this checkpoint holds
          return paths;
        };
        return ctx.repo.commit.call(running, { ...input, then: { ...then, record } });
      };
      const result = await checkpoint({ ...ctx, workTree: running }, handle, { minChanges: 1 });
      expect(result.committed).toBe(true);
      const events = await ran;
      expect(events?.filter((e) => e.details.reached_branch === false)).toEqual([]);
      expect(autoCommits(repo).filter((e) => e.details.reached_branch === false)).toEqual([]);
      everyCheckpointAccountedFor(repo);
    },
  );
});

describe("killing a checkpoint (kill -9) between its auto_commit and update-ref", () => {
  it.runIf(existsSync(join(CLI, "../../dist/phasegate.mjs")))(
    "the next checkpoint finds the event's commit off the branch and records that once",
    async () => {
      const first = await withOneCheckpoint();
      // git, except that `update-ref` says where it is and waits to be killed: the window is held open.
      scratch = mkdtempSync(join(tmpdir(), "phasegate-kill-"));
      const mark = join(scratch, "update-ref.pid");
      const wrapper = join(scratch, "git");
      const dirs = (process.env.PATH ?? "").split(":");
      const git = dirs.map((dir) => join(dir, "git")).find((path) => existsSync(path)) ?? "/usr/bin/git";
      writeFileSync(
        wrapper,
        `#!/bin/sh\nfor a in "$@"; do if [ "$a" = update-ref ]; then echo $$ > "${mark}"; exec sleep 60; fi; done\nexec "${git}" "$@"\n`,
      );
      chmodSync(wrapper, 0o755);
      const env = { ...repo.env, PATH: [scratch, ...dirs].join(":"), PHASEGATE_SESSION: "s-kill" };
      const child = spawn(process.execPath, [CLI, "checkpoint", "m1", "--min-changes", "1"], {
        cwd: repo.root,
        env,
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => child.on("exit", resolve));
      while (!existsSync(mark) && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
      expect(child.exitCode).toBeNull();
      child.kill("SIGKILL");
      await exited;
      const sleeper = Number(readFileSync(mark, "utf8").trim());
      if (sleeper > 0) process.kill(sleeper, "SIGKILL");

      const lost = autoCommits(repo).at(-1)?.details.commit as string;
      expect(lost).not.toBe(first);
      expect(onBranch(repo, lost)).toBe(false);
      expect(withdrawals(repo, lost)).toHaveLength(0);

      const again = await repo.cli("checkpoint", "m1", "--min-changes", "1");
      expect(again.err).toBe("");
      expect(again.code).toBe(0);
      expect(withdrawals(repo, lost)).toHaveLength(1);
      expect(withdrawals(repo, lost)[0]?.details.last_checkpoint).toMatchObject({ commit: first });
      expect(repo.git("status", "--porcelain")).toBe("");
      everyCheckpointAccountedFor(repo);
      expect((await repo.cli("verify", "m1")).code).toBe(0);
    },
  );
});
