import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { PathRefused } from "../../local/confine-path.js";
import { historyBlobs } from "../../local/history-blobs.js";
import { LocalRepo } from "../../local/local-repo.js";
import { traceGit } from "../helpers/git-trace.js";
import { makeRepo, tempDir, type TestRepo } from "./git-fixture.js";

const PLAN = ".milestones/m1.yaml";
const SETTINGS = ".github/phasegate.yml";

afterEach(() => {
  delete process.env.GIT_TRACE;
});

/** The git verbs a run started, but `config`: it has a memo of its own, with its own tests (ADR 40, git-config-memo.test.ts). */
async function gitBut<T>(run: () => Promise<T>): Promise<{ result: T; verbs: string[] }> {
  const { result, verbs } = await traceGit(run);
  return { result, verbs: verbs.filter((verb) => verb !== "config") };
}

/** What a command reads of the default branch, as a new process would (a new LocalRepo), and the git verbs it ran. */
async function command(root: string) {
  const { result, verbs } = await gitBut(async () => {
    const local = new LocalRepo({ root });
    const branch = await local.defaultBranch();
    const snapshot = await local.snapshot(branch);
    const [plan, settings, work] = await Promise.all([
      snapshot.read(PLAN),
      snapshot.read(SETTINGS),
      local.work("milestone/m1"),
    ]);
    return {
      branch,
      commit: snapshot.revision?.commit,
      plan: plan && { version: plan.version, text: plan.text },
      settings: settings && { version: settings.version, text: settings.text },
      head: work.revision,
    };
  });
  return { seen: result, git: verbs };
}

/** The same, as git itself says (`git rev-parse`, `git show`), for default branch `ref`. */
function truth(repo: TestRepo, branch: string, ref: string) {
  const blob = (path: string) => {
    const id = repo.git("rev-parse", "--verify", "--quiet", `${ref}:${path}`).trim();
    return id === "" ? undefined : { version: id, text: repo.git("cat-file", "blob", id) };
  };
  let planBlob: ReturnType<typeof blob>;
  let settingsBlob: ReturnType<typeof blob>;
  try {
    planBlob = blob(PLAN);
  } catch {
    planBlob = undefined;
  }
  try {
    settingsBlob = blob(SETTINGS);
  } catch {
    settingsBlob = undefined;
  }
  return {
    branch,
    commit: repo.git("rev-parse", `${ref}^{commit}`).trim(),
    plan: planBlob,
    settings: settingsBlob,
    head: { commit: repo.git("rev-parse", "HEAD").trim(), tree: repo.git("rev-parse", "HEAD^{tree}").trim() },
  };
}

/** A repository with a plan on main and a milestone branch checked out. */
function planRepo(): TestRepo {
  const repo = makeRepo("main");
  repo.write(PLAN, "id: m1\ntasks: []\n");
  repo.commitAll("plan");
  repo.git("switch", "--quiet", "-c", "milestone/m1");
  return repo;
}

/** Two commands: the first asks git and remembers, the second is what every later command sees. */
async function twice(repo: TestRepo, root = repo.root) {
  const first = await command(root);
  const second = await command(root);
  expect(second.seen).toEqual(first.seen);
  return second;
}

describe("a command reads the default branch without git once it has seen its commit (ADR 37)", () => {
  it("the second command starts no git process for the branch, and reads what git says", async () => {
    const repo = planRepo();
    repo.git("repack", "-a", "-d", "-q");
    repo.git("prune-packed");
    const first = await command(repo.root);
    expect(first.git).toEqual(expect.arrayContaining(["for-each-ref", "cat-file"]));
    const second = await command(repo.root);
    expect(second.git).toEqual([]);
    expect(second.seen).toEqual(truth(repo, "main", "main"));
  });

  it("commits and trees that are loose objects are read without git, even by the first command (ADR 42)", async () => {
    const repo = planRepo();
    const first = await command(repo.root);
    expect(first.git).toEqual([]);
    expect(first.seen).toEqual(truth(repo, "main", "main"));
    // A nested path, a missing one and a folder, against git's own answers.
    repo.git("switch", "--quiet", "main");
    repo.write("docs/deep/notes.md", "notes\n");
    repo.commitAll("nested");
    const local = new LocalRepo({ root: repo.root });
    const snapshot = await local.snapshot("main");
    expect((await snapshot.read("docs/deep/notes.md"))?.version).toBe(
      repo.git("rev-parse", "main:docs/deep/notes.md").trim(),
    );
    expect(await snapshot.read("docs/deep/missing.md")).toBeUndefined();
    expect(await snapshot.read("docs/deep")).toBeUndefined();
    expect(await snapshot.read("docs/deep/notes.md/below")).toBeUndefined();
  });

  it("a damaged loose object is not believed: git answers", async () => {
    const repo = planRepo();
    const commit = repo.git("rev-parse", "main").trim();
    const file = join(repo.root, ".git", "objects", commit.slice(0, 2), commit.slice(2));
    repo.git("repack", "-a", "-q"); // keep a packed copy for git, then damage the loose one
    chmodSync(file, 0o644);
    writeFileSync(file, Buffer.from("not zlib"));
    const seen = await command(repo.root);
    expect(seen.seen).toEqual(truth(repo, "main", "main"));
    expect(seen.git).toContain("cat-file");
  });

  it("a plan or settings change on the default branch is seen at once, and becomes warm again", async () => {
    const repo = planRepo();
    await twice(repo);
    repo.git("switch", "--quiet", "main");
    repo.write(PLAN, "id: m1\ntasks: []\n# changed\n");
    repo.write(SETTINGS, "labels: {}\n");
    repo.commitAll("change the plan and add settings");
    repo.git("switch", "--quiet", "milestone/m1");
    const changed = await command(repo.root);
    expect(changed.seen).toEqual(truth(repo, "main", "main"));
    expect(changed.seen.plan?.text).toContain("# changed");
    expect(changed.seen.settings?.text).toBe("labels: {}\n");
    expect(changed.git).toEqual([]); // the new commit and its trees are loose objects
    const warm = await command(repo.root);
    expect(warm.seen).toEqual(changed.seen);
    expect(warm.git).toEqual([]);
  });

  it("a branch forced back to a commit read before, and the working tree's plan differing from the branch's", async () => {
    const repo = planRepo();
    const before = (await twice(repo)).seen;
    repo.git("switch", "--quiet", "main");
    repo.write(PLAN, "id: m1\ntasks: []\n# v2\n");
    repo.commitAll("v2");
    repo.git("switch", "--quiet", "milestone/m1");
    const v2 = (await twice(repo)).seen;
    expect(v2.plan?.text).toContain("# v2");
    repo.git("branch", "--force", "main", "main~1"); // a force-push back
    const back = await command(repo.root);
    expect(back.seen).toEqual(before);
    expect(back.seen).toEqual(truth(repo, "main", "main"));
    expect(back.git).toEqual([]); // that commit is known: nothing to ask
    // The working tree's plan is another blob: the branch's text comes from git's loose object, or
    // from git once it is packed, and is the branch's.
    repo.write(PLAN, "id: m1\ntasks: []\n# only in the working tree\n");
    const edited = await command(repo.root);
    expect(edited.seen.plan).toEqual(before.plan);
    expect(edited.git).toEqual([]);
    repo.git("repack", "-a", "-d", "-q");
    repo.git("prune-packed");
    const packed = await command(repo.root);
    expect(packed.seen.plan).toEqual(before.plan);
    expect(packed.git).toEqual(["cat-file"]);
  });

  it("packed refs, and a ref packed or moved between two commands", async () => {
    const repo = planRepo();
    repo.git("pack-refs", "--all");
    await twice(repo);
    expect((await command(repo.root)).git).toEqual([]);
    repo.git("switch", "--quiet", "main");
    repo.write(PLAN, "id: m1\ntasks: []\n# packed then moved\n");
    repo.commitAll("moved");
    repo.git("pack-refs", "--all");
    repo.git("switch", "--quiet", "milestone/m1");
    const moved = await twice(repo);
    expect(moved.seen).toEqual(truth(repo, "main", "main"));
    expect(moved.git).toEqual([]);
  });

  it("a remote: origin/HEAD decides, a fetch that moves it (or a force-push) is seen", async () => {
    const upstream = planRepo();
    upstream.git("switch", "--quiet", "main");
    const clone = makeRepo("main");
    rmSync(clone.root, { recursive: true, force: true });
    upstream.git("clone", "--quiet", upstream.root, clone.root);
    clone.git("switch", "--quiet", "milestone/m1");
    const cold = await twice(clone);
    expect(cold.seen).toEqual(truth(clone, "main", "origin/main"));
    expect(cold.git).toEqual([]);
    // A local main that moves is not what counts; origin's does.
    upstream.write(PLAN, "id: m1\ntasks: []\n# upstream v2\n");
    upstream.commitAll("v2");
    expect((await command(clone.root)).seen).toEqual(cold.seen);
    clone.git("fetch", "--quiet", "origin");
    const fetched = await twice(clone);
    expect(fetched.seen).toEqual(truth(clone, "main", "origin/main"));
    expect(fetched.seen.plan?.text).toContain("# upstream v2");
    // origin's default branch changes.
    upstream.git("branch", "trunk", "main~1");
    clone.git("fetch", "--quiet", "origin");
    clone.git("remote", "set-head", "origin", "trunk");
    const trunk = await twice(clone);
    expect(trunk.seen).toEqual(truth(clone, "trunk", "origin/trunk"));
    expect(trunk.seen.plan).toEqual(cold.seen.plan);
    // A setting names another branch: it decides, whatever the files say.
    clone.git("config", "phasegate.defaultBranch", "main");
    expect((await twice(clone)).seen).toEqual(truth(clone, "main", "origin/main"));
  });

  it("a linked worktree reads the shared branches and its own HEAD", async () => {
    const repo = planRepo();
    repo.git("switch", "--quiet", "main");
    await twice(repo);
    const other = join(tempDir(), "wt");
    repo.git("worktree", "add", "--quiet", other, "milestone/m1");
    const worktree = { ...repo, root: other, git: (...args: string[]) => repo.git("-C", other, ...args) };
    const seen = await twice(worktree, other);
    expect(seen.seen).toEqual(truth(worktree, "main", "main"));
    expect(seen.git).toEqual([]);
    repo.write(PLAN, "id: m1\ntasks: []\n# from the main worktree\n");
    repo.commitAll("changed in the other worktree");
    const changed = await twice(worktree, other);
    expect(changed.seen).toEqual(truth(worktree, "main", "main"));
    expect(changed.seen.plan?.text).toContain("# from the main worktree");
  });

  it("a damaged memo, replace refs and a symlinked plan: the answers are git's", async () => {
    const repo = planRepo();
    await twice(repo);
    writeFileSync(join(repo.root, ".git", "phasegate", "commits.json"), "{ not json");
    const damaged = await command(repo.root);
    expect(damaged.seen).toEqual(truth(repo, "main", "main"));
    expect(damaged.git).toEqual([]); // learnt again from the loose objects
    repo.git("repack", "-a", "-d", "-q");
    repo.git("prune-packed");
    writeFileSync(join(repo.root, ".git", "phasegate", "commits.json"), "{ not json");
    const packed = await command(repo.root);
    expect(packed.seen).toEqual(truth(repo, "main", "main"));
    expect(packed.git).toContain("cat-file");

    // `git replace` swaps a commit for another: git's answers change, so the memo is not used.
    repo.git("switch", "--quiet", "main");
    repo.write(PLAN, "id: m1\ntasks: []\n# replacement\n");
    const replacement = repo.commitAll("replacement");
    repo.git("reset", "--quiet", "--hard", "HEAD~1");
    repo.git("switch", "--quiet", "milestone/m1");
    await twice(repo);
    repo.git("replace", repo.git("rev-parse", "main").trim(), replacement);
    const replaced = await command(repo.root);
    expect(replaced.seen.plan?.text).toContain("# replacement");
    expect(replaced.git).toContain("cat-file");
    repo.git("replace", "-d", repo.git("rev-parse", "main").trim());

    // A plan that is a symlink on the default branch is refused, from git and from the memo alike.
    repo.git("switch", "--quiet", "main");
    rmSync(join(repo.root, PLAN));
    symlinkSync("/etc/hostname", join(repo.root, PLAN));
    repo.commitAll("a symlinked plan");
    repo.git("switch", "--quiet", "milestone/m1");
    for (let run = 0; run < 2; run++) await expect(command(repo.root)).rejects.toThrow(PathRefused);
  });

  it("the plan's history: remembered per commit, extended over new single-parent commits, git's after a merge (ADR 42)", async () => {
    const repo = planRepo();
    repo.git("switch", "--quiet", "main");
    const paths = [PLAN, ".milestones/active/m1.yaml"];
    const history = async () => {
      const { result, verbs } = await gitBut(() => new LocalRepo({ root: repo.root }).historyBlobs("main", paths));
      return { ids: [...result].sort(), verbs };
    };
    const truthOf = async () => [...(await historyBlobs(repo.root, "main", paths))].sort();
    const first = await history();
    expect(first.ids).toEqual(await truthOf());
    expect(first.verbs).not.toContain("log"); // two loose commits back to the root: no git log
    for (const n of [2, 3]) {
      repo.write(PLAN, `id: m1\ntasks: []\n# v${n}\n`);
      repo.commitAll(`v${n}`);
      const next = await history();
      expect(next.ids).toEqual(await truthOf());
      expect(next.ids).toHaveLength(n);
      expect(next.verbs).not.toContain("log");
    }
    // A plan moved to active/ and back, and a commit that does not touch it.
    mkdirSync(join(repo.root, ".milestones", "active"), { recursive: true });
    repo.git("mv", PLAN, ".milestones/active/m1.yaml");
    repo.commitAll("moved");
    repo.write("README.md", "other\n");
    repo.commitAll("unrelated");
    expect((await history()).ids).toEqual(await truthOf());
    // A merge brings a side branch's version: git answers, then it is remembered.
    repo.git("switch", "--quiet", "-c", "side", "main~2");
    repo.write(PLAN, "id: m1\ntasks: []\n# side\n");
    repo.commitAll("side version");
    repo.git("switch", "--quiet", "main");
    repo.git("merge", "--quiet", "--no-edit", "-s", "ours", "side");
    const merged = await history();
    expect(merged.ids).toEqual(await truthOf());
    expect(merged.verbs).toContain("log");
    expect((await history()).verbs).not.toContain("log");
    // Grafts and a shallow boundary: git's answer, always.
    mkdirSync(join(repo.root, ".git", "info"), { recursive: true });
    writeFileSync(join(repo.root, ".git", "info", "grafts"), repo.git("rev-parse", "main").trim() + "\n");
    repo.write(PLAN, "id: m1\ntasks: []\n# after grafts\n");
    repo.commitAll("after grafts");
    const grafted = await history();
    expect(grafted.ids).toEqual(await truthOf());
    expect(grafted.verbs).toContain("log");
    rmSync(join(repo.root, ".git", "info", "grafts"));
    writeFileSync(join(repo.root, ".git", "shallow"), repo.git("rev-parse", "main~1").trim() + "\n");
    repo.write(PLAN, "id: m1\ntasks: []\n# after shallow\n");
    repo.commitAll("after shallow");
    const shallow = await history();
    expect(shallow.ids).toEqual(await truthOf());
    expect(shallow.verbs).toContain("log");
    // Unshallowed (a `git fetch --unshallow`): what git said while shallow was not kept, so the
    // whole history counts again, and so does a commit on top of it.
    rmSync(join(repo.root, ".git", "shallow"));
    expect((await history()).ids).toEqual(await truthOf());
    repo.write(PLAN, "id: m1\ntasks: []\n# after unshallow\n");
    repo.commitAll("after unshallow");
    expect((await history()).ids).toEqual(await truthOf());
  });
});
