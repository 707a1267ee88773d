import { describe, expect, it } from "vitest";
import { commitPaths, listChanges, readChanges } from "../../local/checkpoint-git.js";
import { LocalRepo } from "../../local/local-repo.js";
import { CommandRefused } from "../../core/commands/command-refused.js";
import { copyRepo, makeRepo } from "./git-fixture.js";

/** A repository on `milestone/x` (default branch `main`) with tracked, changed, staged, untracked, ignored and secret files. */
function buildWorkInProgress() {
  const repo = makeRepo();
  repo.write(".gitignore", "build/\n*.log\n");
  repo.write("src/a.ts", "a\n");
  repo.write("src/gone.ts", "gone\n");
  repo.write("src/staged-by-user.ts", "v1\n");
  repo.commitAll("base");
  repo.git("switch", "--quiet", "-c", "milestone/x");
  repo.write("src/a.ts", "a changed\n");
  repo.git("rm", "--quiet", "src/gone.ts");
  repo.write("src/staged-by-user.ts", "v2\n");
  repo.git("add", "src/staged-by-user.ts");
  repo.write("docs/new file é.md", "new\n");
  repo.write("docs/*.md", "a file named like a glob\n");
  repo.write("build/out.js", "ignored\n");
  repo.write("debug.log", "ignored\n");
  repo.write(".env", "TOKEN=secret\n");
  repo.write(".env.example", "TOKEN=\n");
  repo.write("keys/deploy.pem", "-----BEGIN PRIVATE KEY-----\n");
  repo.git("init", "--quiet", "vendor/nested-repo"); // shown by git as `vendor/nested-repo/`, not a file
  return repo;
}

const template = buildWorkInProgress();
/** A fresh copy of the work-in-progress repository for each test. */
const workInProgress = () => copyRepo(template);

const committedFiles = (repo: ReturnType<typeof makeRepo>, commit = "HEAD") =>
  repo.git("show", "--name-status", "--format=", "--no-renames", "-z", commit).split("\0").filter(Boolean);

describe("listChanges", () => {
  it("lists changed, deleted, staged and untracked files, never ignored ones", async () => {
    const repo = workInProgress();
    expect(await listChanges(repo.root)).toEqual([
      { status: " M", path: "src/a.ts" },
      { status: "D ", path: "src/gone.ts" },
      { status: "M ", path: "src/staged-by-user.ts" },
      { status: "??", path: ".env" },
      { status: "??", path: ".env.example" },
      { status: "??", path: "docs/*.md" },
      { status: "??", path: "docs/new file é.md" },
      { status: "??", path: "keys/deploy.pem" },
    ]);
  });
});

describe("readChanges", () => {
  it("says which branch and commit HEAD is at, from the same git status", async () => {
    const repo = workInProgress();
    const { changes, head } = await readChanges(repo.root);
    expect(changes).toEqual(await listChanges(repo.root));
    expect(head).toEqual({ branch: "milestone/x", commit: repo.git("rev-parse", "HEAD").trim() });
    repo.git("switch", "--quiet", "--detach");
    expect((await readChanges(repo.root)).head).toEqual({ branch: undefined, commit: head.commit });
    const fresh = makeRepo("milestone/new");
    expect((await readChanges(fresh.root)).head).toEqual({ branch: "milestone/new", commit: undefined });
  });

  it("lists an unmerged file and a name with spaces", async () => {
    const repo = makeRepo();
    repo.write("a b.txt", "base\n");
    repo.commitAll("base");
    repo.git("switch", "--quiet", "-c", "other");
    repo.write("a b.txt", "other\n");
    repo.commitAll("other");
    repo.git("switch", "--quiet", "main");
    repo.write("a b.txt", "main\n");
    repo.commitAll("main");
    expect(() => repo.git("merge", "--quiet", "other")).toThrow();
    expect((await readChanges(repo.root)).changes).toEqual([{ status: "UU", path: "a b.txt" }]);
  });
});

describe("commitPaths", () => {
  const refusals = workInProgress(); // refusals change nothing, so they can share one repository
  const message = `checkpoint(milestone-x): "quoted" $(touch pwned) \`id\` 'single'\n\n# not a comment\n  indented; rm -rf /\nTrailer: yes\n`;

  it("commits exactly the given paths with the message verbatim, leaving the rest of the index alone", async () => {
    const repo = workInProgress();
    const sha = await commitPaths(repo.root, {
      branch: "milestone/x",
      defaultBranch: "main",
      paths: ["src/a.ts", "src/gone.ts", "docs/*.md", "docs/new file é.md"],
      message,
    });
    expect(sha).toBe(repo.git("rev-parse", "milestone/x").trim());
    expect(repo.git("rev-parse", "main").trim()).toBe(repo.git("rev-parse", `${sha}~1`).trim());
    expect(repo.git("log", "-1", "--format=%B", sha)).toBe(`${message}\n`);
    expect(committedFiles(repo)).toEqual([
      "A",
      "docs/*.md",
      "A",
      "docs/new file é.md",
      "M",
      "src/a.ts",
      "D",
      "src/gone.ts",
    ]);
    // The user's own staged change is still staged and was not committed; untracked files stay untracked.
    expect(repo.git("diff", "--cached", "--name-only")).toBe("src/staged-by-user.ts\n");
    expect((await listChanges(repo.root)).map((c) => c.path)).toEqual([
      "src/staged-by-user.ts",
      ".env",
      ".env.example",
      "keys/deploy.pem",
    ]);
    expect(repo.git("status", "--porcelain", "--", "pwned")).toBe("");
  });

  it.each([
    ["the default branch", { branch: "main" }, /never commits to the default branch \(main\)/],
    [
      "another branch than the one checked out",
      { branch: "milestone/y" },
      /checked out milestone\/x, not milestone\/y/,
    ],
    [
      "secret-looking files",
      { paths: ["src/a.ts", ".env", "keys/deploy.pem"] },
      /look like secrets: \.env, keys\/deploy\.pem/,
    ],
    ["ignored files", { paths: ["src/a.ts", "build/out.js", "debug.log"] }, /git ignores: build\/out\.js, debug\.log/],
    ["an empty list", { paths: [] }, /no files to commit/],
    ["files that match the last commit", { paths: [".gitignore"] }, /nothing to commit: \.gitignore matches/],
  ])("refuses %s and commits nothing", async (_name, input, reason) => {
    const repo = refusals;
    const head = repo.git("rev-parse", "HEAD");
    const index = repo.git("diff", "--cached", "--name-status");
    const attempt = commitPaths(repo.root, {
      branch: "milestone/x",
      defaultBranch: "main",
      paths: ["src/a.ts"],
      message: "m",
      ...input,
    });
    await expect(attempt).rejects.toThrow(CommandRefused);
    await expect(attempt).rejects.toThrow(reason);
    expect(repo.git("rev-parse", "HEAD")).toBe(head);
    expect(repo.git("diff", "--cached", "--name-status")).toBe(index);
  });

  it("makes the first commit of a new repository on its milestone branch", async () => {
    const repo = makeRepo("milestone/x");
    repo.write("a.txt", "a\n");
    repo.write("b.txt", "b\n");
    const sha = await commitPaths(repo.root, {
      branch: "milestone/x",
      defaultBranch: "main",
      paths: ["a.txt"],
      message: "first\n",
    });
    expect(committedFiles(repo, sha)).toEqual(["A", "a.txt"]);
    expect(repo.git("status", "--porcelain")).toBe("?? b.txt\n");
  });

  it("refuses paths outside the repository", async () => {
    const repo = workInProgress();
    await expect(
      commitPaths(repo.root, { branch: "milestone/x", defaultBranch: "main", paths: ["../x"], message: "m" }),
    ).rejects.toThrow(/refused path/);
  });

  it("through LocalRepo, refuses when the branch moved after the changes were listed; nothing changes", async () => {
    const repo = workInProgress();
    const local = new LocalRepo({ root: repo.root });
    await local.work("milestone/x"); // the work snapshot, as a command takes it first
    expect(await local.changes()).toContain("src/a.ts");
    repo.write("other.txt", "someone else's commit\n");
    repo.git("add", "other.txt");
    repo.git("commit", "--quiet", "-m", "moved meanwhile", "--", "other.txt");
    const moved = repo.git("rev-parse", "HEAD");
    const index = repo.git("diff", "--cached", "--name-status");
    await expect(local.commit({ branch: "milestone/x", paths: ["src/a.ts"], message: "m" })).rejects.toThrow(
      /git commit failed/,
    );
    expect(repo.git("rev-parse", "HEAD")).toBe(moved);
    expect(repo.git("diff", "--cached", "--name-status")).toBe(index);
    // Listed again, the changes commit on top of the new head.
    await local.changes();
    const sha = await local.commit({ branch: "milestone/x", paths: ["src/a.ts"], message: "m" });
    expect(repo.git("rev-parse", `${sha}~1`)).toBe(moved);
  });

  it("commits through LocalRepo, which knows the default branch", async () => {
    const repo = workInProgress();
    const local = new LocalRepo({ root: repo.root });
    repo.write("src/a.ts.phasegate-lock", "{}"); // an append in progress
    repo.write("src/.a.ts.phasegate-tmp-123-abcdef01", "a crash's leftover");
    expect((await listChanges(repo.root)).map((c) => c.path)).toContain("src/a.ts.phasegate-lock");
    const changes = await local.changes();
    expect(changes).toEqual(
      (await listChanges(repo.root)).map((c) => c.path).filter((p) => !p.includes(".phasegate-")),
    );
    expect(changes).toContain(".env");
    const sha = await local.commit({ branch: "milestone/x", paths: ["src/a.ts"], message: "one file\n" });
    expect(committedFiles(repo, sha)).toEqual(["M", "src/a.ts"]);
    repo.git("switch", "--quiet", "main");
    await expect(local.commit({ branch: "main", paths: ["docs/*.md"], message: "m" })).rejects.toThrow(
      /default branch/,
    );
  });
});
