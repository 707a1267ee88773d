import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readGitConfig } from "../../local/read-git-config.js";
import { traceGit } from "../helpers/git-trace.js";
import { makeRepo, tempDir, type TestRepo } from "./git-fixture.js";

const PATTERN = String.raw`^(user\.name|phasegate\.defaultbranch)$`;
const saved = { ...process.env };

afterEach(() => {
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
  for (const file of [".gitconfig", ".config"]) rmSync(join(saved.HOME ?? "", file), { recursive: true, force: true });
});

/** readGitConfig as a new command calls it, and how many git processes it started (git's own trace). */
async function read(root: string, pattern = PATTERN): Promise<{ values: Record<string, string>; git: number }> {
  const { result, verbs } = await traceGit(() => readGitConfig(root, pattern));
  return { values: Object.fromEntries(result), git: verbs.length };
}

/** What git itself says now, in a process of its own. */
function truth(root: string, pattern = PATTERN): Record<string, string> {
  let out: string;
  try {
    out = execFileSync("git", ["config", "-z", "--get-regexp", pattern], { cwd: root, encoding: "utf8" });
  } catch {
    return {};
  }
  const entries = out.split("\0").filter((e) => e.includes("\n") && !e.endsWith("\n"));
  return Object.fromEntries(entries.map((e) => [e.slice(0, e.indexOf("\n")), e.slice(e.indexOf("\n") + 1)]));
}

/** Set the files' modification time to a whole second ten seconds ago: old enough to be trusted. */
function settle(...paths: string[]): number {
  const when = Math.floor(Date.now() / 1000) - 10;
  for (const path of paths) if (existsSync(path)) utimesSync(path, when, when);
  return when;
}

/** A repository with `user.name` set, read once so that its memo is written; the next read is warm. */
async function warmRepo(name = "Alice"): Promise<TestRepo> {
  const repo = makeRepo();
  repo.git("config", "user.name", name);
  settle(join(repo.root, ".git", "config"));
  expect((await read(repo.root)).values).toEqual({ "user.name": name });
  const warm = await read(repo.root);
  expect(warm).toEqual({ values: { "user.name": name }, git: 0 });
  return repo;
}

describe("git config remembered while nothing it reads has changed", () => {
  it("a second read starts no git process and gives what git says", async () => {
    const repo = await warmRepo();
    expect(truth(repo.root)).toEqual({ "user.name": "Alice" });
    expect(existsSync(join(repo.root, ".git", "phasegate", "config.json"))).toBe(true);
    // Another pattern is git's to answer, then remembered beside the first.
    const other = String.raw`^user\.email$`;
    expect(await read(repo.root, other)).toEqual({ values: {}, git: 1 });
    expect(await read(repo.root, other)).toEqual({ values: {}, git: 0 });
    expect(await read(repo.root)).toEqual({ values: { "user.name": "Alice" }, git: 0 });
  });

  it("`git config user.name` rewritten in the same second with a value of the same size", async () => {
    const repo = await warmRepo("Alice");
    const config = join(repo.root, ".git", "config");
    const when = settle(config);
    repo.git("config", "user.name", "Bobby");
    utimesSync(config, when, when); // same size, same mtime: only the inode and ctime differ
    expect(await read(repo.root)).toMatchObject({ values: { "user.name": "Bobby" } });
    expect(truth(repo.root)).toEqual({ "user.name": "Bobby" });
  });

  it("a file rewritten in place (same inode, size and mtime) is seen by its change time", async () => {
    const repo = await warmRepo("Alice");
    const config = join(repo.root, ".git", "config");
    const when = settle(config);
    writeFileSync(config, readFileSync(config, "utf8").replace("Alice", "Carol"));
    utimesSync(config, when, when);
    expect((await read(repo.root)).values).toEqual({ "user.name": "Carol" });
  });

  it("a global file created after the memo, in the home folder or the XDG one", async () => {
    const repo = await warmRepo();
    repo.git("config", "--unset", "user.name");
    settle(join(repo.root, ".git", "config"));
    expect((await read(repo.root)).values).toEqual({});
    expect((await read(repo.root)).git).toBe(0);
    const xdg = join(process.env.XDG_CONFIG_HOME ?? "", "git", "config");
    mkdirSync(join(xdg, ".."), { recursive: true });
    writeFileSync(xdg, "[user]\n\tname = Xavier\n");
    expect((await read(repo.root)).values).toEqual({ "user.name": "Xavier" });
    writeFileSync(join(process.env.HOME ?? "", ".gitconfig"), "[user]\n\tname = Holly\n");
    expect((await read(repo.root)).values).toEqual({ "user.name": "Holly" });
    expect(truth(repo.root)).toEqual({ "user.name": "Holly" });
  });

  it("GIT_CONFIG_GLOBAL, GIT_CONFIG_COUNT and `-c` (GIT_CONFIG_PARAMETERS) give git's answer", async () => {
    const repo = await warmRepo();
    const global = join(tempDir(), "global");
    writeFileSync(global, "[phasegate]\n\tdefaultBranch = trunk\n");
    settle(global);
    process.env.GIT_CONFIG_GLOBAL = global;
    expect((await read(repo.root)).values).toEqual({ "user.name": "Alice", "phasegate.defaultbranch": "trunk" });
    expect((await read(repo.root)).git).toBe(0);
    delete process.env.GIT_CONFIG_GLOBAL;
    expect((await read(repo.root)).values).toEqual({ "user.name": "Alice" });
    Object.assign(process.env, { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: "user.name", GIT_CONFIG_VALUE_0: "Dana" });
    expect((await read(repo.root)).values).toEqual({ "user.name": "Dana" });
    process.env.GIT_CONFIG_VALUE_0 = "Erin";
    expect((await read(repo.root)).values).toEqual({ "user.name": "Erin" });
    for (const key of ["GIT_CONFIG_COUNT", "GIT_CONFIG_KEY_0", "GIT_CONFIG_VALUE_0"]) delete process.env[key];
    process.env.GIT_CONFIG_PARAMETERS = "'user.name'='Fay'";
    expect((await read(repo.root)).values).toEqual({ "user.name": "Fay" });
    delete process.env.GIT_CONFIG_PARAMETERS;
    expect((await read(repo.root)).values).toEqual({ "user.name": "Alice" });
  });

  it("a system file created after the memo (GIT_CONFIG_SYSTEM; where it is, git says)", async () => {
    delete process.env.GIT_CONFIG_NOSYSTEM;
    process.env.GIT_CONFIG_SYSTEM = join(tempDir(), "gitconfig");
    const repo = await warmRepo();
    writeFileSync(process.env.GIT_CONFIG_SYSTEM, "[phasegate]\n\tdefaultBranch = sys\n");
    expect((await read(repo.root)).values).toEqual({ "user.name": "Alice", "phasegate.defaultbranch": "sys" });
  });

  it("with an include anywhere, git is asked every time", async () => {
    const repo = await warmRepo();
    const included = join(tempDir(), "included");
    writeFileSync(included, "[user]\n\tname = Ivy\n");
    repo.git("config", "include.path", included);
    settle(join(repo.root, ".git", "config"), included);
    expect(await read(repo.root)).toMatchObject({ values: { "user.name": "Ivy" } });
    expect((await read(repo.root)).git).toBe(1);
    // A change in the included file only, which the memo does not watch.
    writeFileSync(included, "[user]\n\tname = Jan\n");
    settle(included);
    expect(await read(repo.root)).toEqual({ values: { "user.name": "Jan" }, git: 1 });
    repo.git("config", "--unset", "include.path");
    repo.git("config", `includeIf.gitdir:${repo.root}/.path`, included);
    settle(join(repo.root, ".git", "config"));
    expect((await read(repo.root)).values).toEqual({ "user.name": "Jan" });
    expect((await read(repo.root)).git).toBe(1);
    expect(truth(repo.root)).toEqual({ "user.name": "Jan" });
    // Without a memo: where the system file is, is asked once and kept, the settings every time.
    rmSync(join(repo.root, ".git", "phasegate", "config.json"));
    expect((await read(repo.root)).git).toBe(2);
    expect((await read(repo.root)).git).toBe(1);
  });

  it("a linked worktree reads its own config.worktree, also one created after the memo", async () => {
    const repo = await warmRepo();
    repo.write("a.txt", "a\n");
    repo.commitAll();
    const tree = join(tempDir(), "wt");
    repo.git("worktree", "add", "-q", tree);
    repo.git("config", "extensions.worktreeConfig", "true");
    settle(join(repo.root, ".git", "config"));
    expect((await read(tree)).values).toEqual({ "user.name": "Alice" });
    expect((await read(tree)).git).toBe(0);
    execFileSync("git", ["config", "--worktree", "user.name", "Wren"], { cwd: tree });
    expect((await read(tree)).values).toEqual({ "user.name": "Wren" });
    expect((await read(repo.root)).values).toEqual({ "user.name": "Alice" });
    expect(truth(tree)).toEqual({ "user.name": "Wren" });
  });

  it("GIT_DIR set: git is asked every time", async () => {
    const repo = await warmRepo();
    process.env.GIT_DIR = join(repo.root, ".git");
    expect(await read(repo.root)).toEqual({ values: { "user.name": "Alice" }, git: 1 });
    expect((await read(repo.root)).git).toBe(1);
  });

  it.each([
    ["damaged", "{ not json"],
    ["newer-version", JSON.stringify({ version: 99, answers: {} })],
    [
      "foreign",
      JSON.stringify({
        version: 1,
        git: "x",
        env: "[]",
        system: "/x",
        files: [],
        answers: { a: [["user.name", "Mallory"]] },
      }),
    ],
    ["malformed", JSON.stringify({ version: 1, git: 1, env: "[]", system: "/x", files: {}, answers: [] })],
  ])("a %s memo is ignored and rewritten", async (_, text) => {
    const repo = await warmRepo();
    const file = join(repo.root, ".git", "phasegate", "config.json");
    writeFileSync(file, text);
    expect(await read(repo.root)).toMatchObject({ values: { "user.name": "Alice" } });
    expect(readFileSync(file, "utf8")).not.toBe(text);
    expect(await read(repo.root)).toEqual({ values: { "user.name": "Alice" }, git: 0 });
  });

  it("a file whose time is too recent to tell a change by (here: in the future) is not trusted", async () => {
    const repo = makeRepo();
    repo.git("config", "user.name", "Alice");
    const later = Date.now() / 1000 + 60;
    utimesSync(join(repo.root, ".git", "config"), later, later);
    expect((await read(repo.root)).values).toEqual({ "user.name": "Alice" });
    expect((await read(repo.root)).git).toBe(1);
  });
});
