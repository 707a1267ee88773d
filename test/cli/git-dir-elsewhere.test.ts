import { existsSync, mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";

let repo: ScratchRepo | undefined;
let elsewhere: string | undefined;
afterEach(() => {
  delete process.env.GIT_DIR;
  delete process.env.GIT_WORK_TREE;
  repo?.cleanup();
  if (elsewhere) rmSync(elsewhere, { recursive: true, force: true });
});

describe("a repository whose git folder is elsewhere (GIT_DIR and GIT_WORK_TREE)", () => {
  it("keeps Phasegate's files in that git folder and never makes a .git folder in the working tree", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    elsewhere = mkdtempSync(join(tmpdir(), "phasegate-gitdir-"));
    const gitDir = join(elsewhere, "repo.git");
    renameSync(join(repo.root, ".git"), gitDir);
    process.env.GIT_DIR = gitDir;
    process.env.GIT_WORK_TREE = repo.root;
    for (const args of [
      ["execute", "m1", "--as", "bob"],
      ["claim", "m1", "T1", "--as", "bob"],
      ["status", "m1"],
    ]) {
      const result = await repo.cli(...args);
      expect(result.err).toBe("");
      expect(result.code).toBe(0);
    }
    expect(existsSync(join(repo.root, ".git"))).toBe(false);
    expect(existsSync(join(gitDir, "phasegate", "heads"))).toBe(true);
  });
});
