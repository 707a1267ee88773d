import { readdirSync, readFileSync, statSync, chmodSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { PathRefused } from "../../local/confine-path.js";
import { LocalRepo } from "../../local/local-repo.js";
import { makeRepo, tempDir } from "./git-fixture.js";

describe("LocalRepo read and list", () => {
  const repo = makeRepo();
  repo.write(".milestones/auth.yaml", "id: auth\n");
  repo.write(".milestones/logs/auth.jsonl", "{}\n");
  repo.write("notes é.md", "unicode\n");
  repo.write("data/empty.txt", "");
  repo.write("data/bytes.bin", "no newline at the end\n\nmissing");
  repo.write("Gemfile.lock", "a lock file of the project's own\n");
  const first = repo.commitAll();
  repo.write(".milestones/.auth.yaml.phasegate-tmp-123-abcd", "left by a crash");
  repo.write(".milestones/logs/auth.jsonl.phasegate-lock", "{}");
  repo.write(".milestones/auth.yaml", "id: auth\ntitle: changed\n");
  repo.write(".milestones/draft.yaml", "id: draft\n");
  const local = new LocalRepo({ root: repo.root });

  it("reads the working tree with the git blob id as version", async () => {
    const snapshot = await local.read("./.milestones/auth.yaml");
    expect(snapshot).toEqual({
      path: ".milestones/auth.yaml",
      text: "id: auth\ntitle: changed\n",
      version: repo.git("hash-object", "--no-filters", ".milestones/auth.yaml").trim(),
    });
    expect((await local.read("notes é.md"))?.text).toBe("unicode\n");
  });

  it("gives a new version whenever the content changes", async () => {
    const before = await local.read(".milestones/draft.yaml");
    repo.write(".milestones/draft.yaml", "id: draft\n ");
    const after = await local.read(".milestones/draft.yaml");
    expect(after?.version).not.toBe(before?.version);
  });

  it("reads a file as of a ref, with the blob sha as version", async () => {
    for (const ref of ["HEAD", "main", first]) {
      expect(await local.read(".milestones/auth.yaml", ref)).toEqual({
        path: ".milestones/auth.yaml",
        text: "id: auth\n",
        version: repo.git("rev-parse", `${first}:.milestones/auth.yaml`).trim(),
      });
    }
    expect((await local.read("notes é.md", "HEAD"))?.text).toBe("unicode\n");
    expect((await local.read("data/empty.txt", "HEAD"))?.text).toBe("");
    expect((await local.read("data/bytes.bin", "HEAD"))?.text).toBe("no newline at the end\n\nmissing");
  });

  it("answers undefined for missing files, folders at a ref and unknown refs", async () => {
    expect(await local.read("nope.txt")).toBeUndefined();
    expect(await local.read("notes é.md/under-a-file")).toBeUndefined();
    expect(await local.read(".milestones/draft.yaml", "HEAD")).toBeUndefined();
    expect(await local.read(".milestones", "HEAD")).toBeUndefined();
    expect(await local.read(".milestones/auth.yaml", "no-such-branch")).toBeUndefined();
  });

  it("refuses refs that git could read as options", async () => {
    await expect(local.read(".milestones/auth.yaml", "--output=/tmp/x")).rejects.toThrow(/invalid git ref/);
    await expect(local.revision("-p")).rejects.toThrow(/invalid git ref/);
  });

  it("refuses paths outside the repository", async () => {
    await expect(local.read("../x")).rejects.toThrow(PathRefused);
    await expect(local.read(".git/config", "HEAD")).rejects.toThrow(PathRefused);
    await expect(local.list("/etc")).rejects.toThrow(PathRefused);
    await expect(local.writeFile(".git/hooks/pre-commit", "boom")).rejects.toThrow(PathRefused);
    await expect(local.appendFile("../log.jsonl", "x\n", undefined)).rejects.toThrow(PathRefused);
  });

  it("lists the files directly in a folder, in the working tree (without our temporary files) or at a ref", async () => {
    expect(await local.list(".milestones")).toEqual([".milestones/auth.yaml", ".milestones/draft.yaml"]);
    expect(await local.list(".milestones/", "HEAD")).toEqual([".milestones/auth.yaml"]);
    expect(await local.list(".milestones/logs", first)).toEqual([".milestones/logs/auth.jsonl"]);
    expect(await local.list(".milestones/logs")).toEqual([".milestones/logs/auth.jsonl"]);
    expect(await local.list("")).toEqual(["Gemfile.lock", "notes é.md"]);
    expect(await local.list(".", "HEAD")).toEqual(["Gemfile.lock", "notes é.md"]);
    expect(await local.list("missing")).toEqual([]);
    expect(await local.list("missing", "HEAD")).toEqual([]);
    expect(await local.list(".milestones", "no-such-branch")).toEqual([]);
  });
});

describe("LocalRepo write", () => {
  it("replaces a whole file atomically, creating folders and keeping its mode", async () => {
    const repo = { root: tempDir() };
    const local = new LocalRepo({ root: repo.root });
    await local.writeFile(".milestones/sessions/s-1.yaml", "a: 1\n");
    expect(readFileSync(join(repo.root, ".milestones/sessions/s-1.yaml"), "utf8")).toBe("a: 1\n");
    chmodSync(join(repo.root, ".milestones/sessions/s-1.yaml"), 0o640);
    await local.writeFile(".milestones/sessions/s-1.yaml", "a: 2\n");
    expect(readFileSync(join(repo.root, ".milestones/sessions/s-1.yaml"), "utf8")).toBe("a: 2\n");
    expect(statSync(join(repo.root, ".milestones/sessions/s-1.yaml")).mode & 0o777).toBe(0o640);
    expect(readdirSync(join(repo.root, ".milestones/sessions"))).toEqual(["s-1.yaml"]);
  });
});

describe("LocalRepo revision and branches", () => {
  it("has no revision before the first commit, then HEAD's commit and tree", async () => {
    const repo = makeRepo();
    const local = new LocalRepo({ root: repo.root });
    expect(await local.revision()).toBeUndefined();
    expect(await local.currentBranch()).toBe("main");
    repo.write("a.txt", "a");
    const commit = repo.commitAll();
    expect(await local.revision()).toEqual({ commit, tree: repo.git("rev-parse", "HEAD^{tree}").trim() });
    repo.git("switch", "--quiet", "-c", "milestone/x");
    repo.write("b.txt", "b");
    const second = repo.commitAll();
    expect((await local.revision())?.commit).toBe(second);
    expect((await local.revision("main"))?.commit).toBe(commit);
    expect(await local.revision("nope")).toBeUndefined();
    expect(await local.currentBranch()).toBe("milestone/x");
    repo.git("switch", "--quiet", "--detach", "main");
    expect(await local.currentBranch()).toBeUndefined();
  });

  it("opens the repository from a folder inside it", async () => {
    const repo = makeRepo();
    repo.write("deep/er/file.txt", "x");
    const local = await LocalRepo.open(join(repo.root, "deep/er"));
    expect(local.root).toBe(repo.git("rev-parse", "--show-toplevel").trim());
    await expect(LocalRepo.open(tempDir())).rejects.toThrow(/is not inside a git working tree/);
  });

  it("takes the default branch from the setting, origin/HEAD, init.defaultBranch, main or master, never the current branch", async () => {
    const repo = makeRepo("main");
    const local = () => new LocalRepo({ root: repo.root });
    await expect(local().defaultBranch()).rejects.toThrow(/git config phasegate.defaultBranch/); // unborn: no branch yet
    repo.write("a.txt", "a");
    repo.commitAll();
    repo.git("switch", "--quiet", "-c", "milestone/x");
    expect(await local().defaultBranch()).toBe("main");
    repo.git("update-ref", "refs/remotes/origin/trunk", "HEAD");
    repo.git("symbolic-ref", "refs/remotes/origin/HEAD", "refs/remotes/origin/trunk");
    expect(await local().defaultBranch()).toBe("trunk");
    repo.git("config", "phasegate.defaultBranch", "release");
    await expect(local().defaultBranch()).rejects.toThrow(/refs\/heads\/release does not exist/); // named, but missing
    repo.git("branch", "release");
    expect(await local().defaultBranch()).toBe("release");

    const legacy = makeRepo("master");
    legacy.write("a.txt", "a");
    legacy.commitAll();
    legacy.git("switch", "--quiet", "-c", "feature");
    expect(await new LocalRepo({ root: legacy.root }).defaultBranch()).toBe("master");

    // A repository whose only branch is `develop` (or a milestone branch): nothing says it is the default.
    const other = makeRepo("develop");
    other.write("a.txt", "a");
    other.commitAll();
    await expect(new LocalRepo({ root: other.root }).defaultBranch()).rejects.toThrow(/cannot tell/);
    other.git("config", "init.defaultBranch", "develop");
    expect(await new LocalRepo({ root: other.root }).defaultBranch()).toBe("develop");
  });
});

describe("LocalRepo working-tree snapshot", () => {
  it("a second read of a file gives what the first gave, and a write based on it conflicts if the file changed", async () => {
    const repo = makeRepo();
    repo.write("docs/design.md", "v1\n");
    repo.write("log.jsonl", "");
    repo.commitAll();
    const local = new LocalRepo({ root: repo.root });
    const work = await local.work("milestone/x");
    expect((await work.read("docs/design.md"))?.text).toBe("v1\n");
    repo.write("docs/design.md", "v2\n");
    // Steps decided on one snapshot see one version of each file: the one the write checks.
    expect((await work.read("docs/design.md"))?.text).toBe("v1\n");
    const write = await local.write({
      branch: "milestone/x",
      base: work,
      changes: [{ kind: "put", path: "docs/design.md", text: "v3\n" }],
      message: "",
    });
    expect(write.ok).toBe(false);
    expect(readFileSync(join(repo.root, "docs/design.md"), "utf8")).toBe("v2\n");
    const fresh = await local.work("milestone/x");
    expect((await fresh.read("docs/design.md"))?.text).toBe("v2\n");
  });
});
