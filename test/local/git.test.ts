import { describe, expect, it } from "vitest";
import { GitError, assertRefLike, getCurrentBranch, isGitExit, runGit } from "../../local/git.js";
import { makeRepo } from "./git-fixture.js";

describe("runGit", () => {
  const repo = makeRepo();

  it("returns stdout, feeds stdin, and can return raw bytes", async () => {
    expect(await runGit(repo.root, ["rev-parse", "--is-inside-work-tree"])).toBe("true\n");
    const oid = (await runGit(repo.root, ["hash-object", "-w", "--stdin"], { input: "héllo\0\n" })).trim();
    expect(oid).toMatch(/^[0-9a-f]{40}$/);
    const bytes = await runGit(repo.root, ["cat-file", "blob", oid], { raw: true });
    expect(Buffer.isBuffer(bytes) && bytes.toString("utf8")).toBe("héllo\0\n");
  });

  it("throws a GitError with the arguments, exit code and stderr", async () => {
    const failure = await runGit(repo.root, ["rev-parse", "--verify", "no-such-ref"]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(GitError);
    expect(failure).toMatchObject({
      args: ["rev-parse", "--verify", "no-such-ref"],
      code: 128,
      stderr: expect.stringContaining("fatal"),
    });
    expect(isGitExit(failure, 128)).toBe(true);
    expect(isGitExit(failure, 1)).toBe(false);
  });

  it("reports a missing working directory as a GitError", async () => {
    await expect(runGit(`${repo.root}/missing`, ["status"])).rejects.toMatchObject({
      name: "GitError",
      code: "ENOENT",
    });
  });

  it("knows the current branch, also before the first commit", async () => {
    expect(await getCurrentBranch(repo.root)).toBe("main");
  });
});

describe("assertRefLike", () => {
  it.each(["main", "milestone/auth-v2", "HEAD~2", "a1b2c3"])("accepts %j", (ref) => {
    expect(() => assertRefLike(ref)).not.toThrow();
  });
  it.each(["", "-p", "--output=/tmp/x", "main\nHEAD", "a\0b", "a b", "main\t"])("refuses %j", (ref) => {
    expect(() => assertRefLike(ref)).toThrow(/invalid git ref/);
  });
});
