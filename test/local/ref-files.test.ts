import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RefFiles } from "../../local/ref-files.js";
import { makeRepo, tempDir, type TestRepo } from "./git-fixture.js";

/** A repository with two commits on main, a milestone branch, and origin's refs as `git clone` leaves them. */
function repoWithRefs(): { repo: TestRepo; first: string; second: string } {
  const repo = makeRepo("main");
  repo.write("a.txt", "a\n");
  const first = repo.commitAll();
  repo.write("a.txt", "b\n");
  const second = repo.commitAll();
  repo.git("branch", "milestone/m1", first);
  repo.git("update-ref", "refs/remotes/origin/main", first);
  repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/main");
  return { repo, first, second };
}

afterEach(() => {
  delete process.env.GIT_DIR;
});

describe("RefFiles reads refs as git does, or says it cannot", () => {
  it("loose refs, HEAD through its branch, and a symbolic ref with the ref it names", async () => {
    const { repo, first, second } = repoWithRefs();
    const refs = new RefFiles(repo.root);
    expect(await refs.resolve("refs/heads/main")).toEqual({ oid: second });
    expect(await refs.resolve("HEAD")).toEqual({ oid: second, symref: "refs/heads/main" });
    expect(await refs.resolve("refs/heads/milestone/m1")).toEqual({ oid: first });
    expect(await refs.resolve("refs/remotes/origin/HEAD")).toEqual({
      oid: first,
      symref: "refs/remotes/origin/main",
    });
    expect(await refs.resolve("refs/heads/nope")).toBeNull();
    expect(await refs.resolve("refs/remotes/origin/nope")).toBeNull();
  });

  it("packed refs, and a loose ref written after packing wins over its packed line", async () => {
    const { repo, first, second } = repoWithRefs();
    repo.git("pack-refs", "--all");
    const packed = new RefFiles(repo.root);
    expect(await packed.resolve("refs/heads/main")).toEqual({ oid: second });
    expect(await packed.resolve("refs/heads/milestone/m1")).toEqual({ oid: first });
    expect(await packed.resolve("refs/remotes/origin/HEAD")).toEqual({
      oid: first,
      symref: "refs/remotes/origin/main",
    });
    repo.write("a.txt", "c\n");
    const third = repo.commitAll();
    expect(await new RefFiles(repo.root).resolve("refs/heads/main")).toEqual({ oid: third });
    // A ref packed while the reader lives (its loose file removed) is still found: packed-refs is read after the file.
    const reader = new RefFiles(repo.root);
    expect(await reader.resolve("refs/heads/main")).toEqual({ oid: third });
    repo.git("pack-refs", "--all");
    expect(await reader.resolve("refs/heads/main")).toEqual({ oid: third });
    repo.git("branch", "-D", "milestone/m1");
    expect(await reader.resolve("refs/heads/milestone/m1")).toBeNull();
  });

  it("a linked worktree: its own HEAD, the branches of the common git folder", async () => {
    const { repo, first, second } = repoWithRefs();
    const other = join(tempDir(), "wt");
    repo.git("worktree", "add", "--quiet", other, "milestone/m1");
    const refs = new RefFiles(other);
    expect(await refs.resolve("HEAD")).toEqual({ oid: first, symref: "refs/heads/milestone/m1" });
    expect(await refs.resolve("refs/heads/main")).toEqual({ oid: second });
    expect(await new RefFiles(repo.root).resolve("HEAD")).toEqual({ oid: second, symref: "refs/heads/main" });
  });

  it("a git folder kept elsewhere (`.git` a file naming it, as --separate-git-dir and submodules do)", async () => {
    const root = tempDir();
    const gitDir = join(tempDir(), "elsewhere.git");
    const repo = makeRepo("main");
    repo.git("init", "--quiet", "-b", "main", "--separate-git-dir", gitDir, root);
    repo.git("-C", root, "commit", "--quiet", "--allow-empty", "-m", "first");
    const head = repo.git("-C", root, "rev-parse", "HEAD").trim();
    expect(await new RefFiles(root).resolve("HEAD")).toEqual({ oid: head, symref: "refs/heads/main" });
    expect(await new RefFiles(root).objects()).toBe(join(gitDir, "objects"));
  });

  it("an unborn branch's HEAD names no commit", async () => {
    const unborn = makeRepo("main");
    expect(await new RefFiles(unborn.root).resolve("HEAD")).toBeNull();
    unborn.git("symbolic-ref", "HEAD", "refs/tags/v1");
    expect(await new RefFiles(unborn.root).resolve("HEAD")).toBeUndefined();
  });

  it("leaves to git what it does not read: odd names, a folder or garbage for a ref, reftable, replace refs, GIT_DIR", async () => {
    const { repo, first, second } = repoWithRefs();
    const refs = new RefFiles(repo.root);
    for (const name of [
      "refs/heads/../config",
      "refs/heads/a..b",
      "refs/heads/x.lock",
      "refs/tags/v1",
      "main",
      "ORIG_HEAD",
    ])
      expect({ name, found: await refs.resolve(name) }).toEqual({ name, found: undefined });
    // A folder where a ref file would be (branch `milestone/m1` makes `refs/heads/milestone` one).
    expect(await refs.resolve("refs/heads/milestone")).toBeUndefined();
    // A ref file that is not an object id or a symbolic ref.
    writeFileSync(join(repo.root, ".git", "refs", "heads", "garbled"), "not a ref\n");
    expect(await refs.resolve("refs/heads/garbled")).toBeUndefined();

    const reftable = repoWithRefs().repo;
    mkdirSync(join(reftable.root, ".git", "reftable"));
    expect(await new RefFiles(reftable.root).resolve("refs/heads/main")).toBeUndefined();
    expect(await new RefFiles(reftable.root).plain()).toBe(false);

    const replaced = repoWithRefs();
    replaced.repo.git("replace", replaced.second, replaced.first);
    expect(await new RefFiles(replaced.repo.root).resolve("refs/heads/main")).toBeUndefined();
    replaced.repo.git("pack-refs", "--all");
    expect(await new RefFiles(replaced.repo.root).plain()).toBe(false);

    process.env.GIT_DIR = join(repo.root, ".git");
    expect(await new RefFiles(repo.root).resolve("refs/heads/main")).toBeUndefined();
    delete process.env.GIT_DIR;
    expect(await new RefFiles(repo.root).resolve("refs/heads/main")).toEqual({ oid: second });
    expect(first).not.toBe(second);
  });
});
