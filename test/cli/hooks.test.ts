import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DESIGN, sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

/** Every hook `git help hooks` documents (git 2.39), fsmonitor-watchman included. */
const HOOKS = [
  "applypatch-msg",
  "pre-applypatch",
  "post-applypatch",
  "pre-commit",
  "pre-merge-commit",
  "prepare-commit-msg",
  "commit-msg",
  "post-commit",
  "pre-rebase",
  "post-checkout",
  "post-merge",
  "pre-push",
  "pre-receive",
  "update",
  "proc-receive",
  "post-receive",
  "post-update",
  "reference-transaction",
  "push-to-checkout",
  "pre-auto-gc",
  "post-rewrite",
  "sendemail-validate",
  "fsmonitor-watchman",
  "post-index-change",
];

let repo: ScratchRepo;
const extra: string[] = [];
afterEach(() => {
  repo?.cleanup();
  for (const dir of extra.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Install every hook in `folder` (relative to the repository); each one leaves a marker file named after itself. */
function installHooks(r: ScratchRepo, folder: string, markers: string): void {
  mkdirSync(join(r.root, folder), { recursive: true });
  for (const name of HOOKS) {
    const file = join(r.root, folder, name);
    // Succeeds, so a hook that did run would not be noticed by a failing command: only the marker tells.
    writeFileSync(file, `#!/bin/sh\necho ran >> '${join(markers, name)}'\nexit 0\n`);
    chmodSync(file, 0o755);
  }
}

const ran = (markers: string) => readdirSync(markers).sort();

/** Every command that runs git in local mode, with a gate approved, a hold, a claim, a scan and checkpoints. */
async function runEverything(r: ScratchRepo): Promise<string[]> {
  const codes: string[] = [];
  const run = async (...args: string[]) => {
    const { code, err } = await r.cli(...args);
    codes.push(`${args.slice(0, 2).join(" ")}: ${code}${code === 0 ? "" : ` ${err}`}`);
  };
  await run("validate");
  await run("execute", "m1", "--as", "bob");
  await run("claim", "m1", "T1", "--as", "bob");
  r.write(".kiro/specs/first/design.md", DESIGN);
  await run("execute", "m1", "--as", "bob");
  await run("approve", "m1", "T1", "--as", "alice");
  await run("hold", "m1", "T2", "--reason", "wait", "--as", "alice");
  await run("status", "m1");
  await run("verify", "m1");
  await run("scan", "m1");
  r.write("src/a.ts", "a\n");
  await run("checkpoint", "m1", "--min-changes", "1", "--as", "bob");
  r.write("src/b.ts", "b\n");
  await run("checkpoint", "m1", "--min-changes", "0", "--as", "bob");
  await run("log", "repair", "m1");
  await run("sessions");
  return codes;
}

describe("no repository hook runs unless --hooks", () => {
  for (const where of [".git/hooks", ".husky"] as const) {
    it(`installed in ${where}${where === ".husky" ? " (tracked, named by core.hooksPath)" : ""}, with core.fsmonitor naming a hook`, async () => {
      const markers = mkdtempSync(join(tmpdir(), "phasegate-hook-markers-"));
      extra.push(markers);
      repo = scratchRepo(sampleFiles(), "milestone/m1");
      installHooks(repo, where, markers);
      if (where === ".husky") {
        repo.git("config", "core.hooksPath", ".husky");
        repo.git("add", ".husky");
        repo.git("commit", "-q", "--no-verify", "-m", "husky");
      }
      repo.git("config", "core.fsmonitor", join(repo.root, where, "fsmonitor-watchman"));
      // The hooks are live: plain git runs them.
      repo.git("commit", "-q", "--allow-empty", "-m", "probe");
      expect(ran(markers)).toEqual(expect.arrayContaining(["pre-commit", "post-commit", "reference-transaction"]));
      for (const name of ran(markers)) rmSync(join(markers, name));

      const codes = await runEverything(repo);
      expect(codes.filter((line) => !/: 0$/.test(line) && !/^(scan|log repair)/.test(line))).toEqual([]);
      expect(repo.git("log", "-3", "--format=%s")).toMatch(/checkpoint\(milestone-m1\)/);
      expect(ran(markers)).toEqual([]);

      // --hooks runs them for the checkpoint's commit, as git would.
      repo.write("src/c.ts", "c\n");
      const loud = await repo.cli("checkpoint", "m1", "--min-changes", "1", "--hooks", "--as", "bob");
      expect(loud.code).toBe(0);
      expect(ran(markers)).toEqual(expect.arrayContaining(["pre-commit", "commit-msg", "post-commit"]));
    });
  }
});
