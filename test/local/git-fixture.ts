/**
 * Real git in throwaway repositories under os.tmpdir(), isolated from the machine's and the
 * user's git configuration (HOME, XDG_CONFIG_HOME and GIT_CONFIG_NOSYSTEM) with a fixed identity.
 */
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";

const created: string[] = [];

/** A temporary folder, removed after the test file. */
export function tempDir(prefix = "phasegate-test-"): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}

const home = tempDir("phasegate-home-");
for (const key of Object.keys(process.env)) if (key.startsWith("GIT_")) delete process.env[key];
Object.assign(process.env, {
  HOME: home,
  XDG_CONFIG_HOME: join(home, ".config"),
  GIT_CONFIG_NOSYSTEM: "1",
  GIT_AUTHOR_NAME: "Test Author",
  GIT_AUTHOR_EMAIL: "author@example.com",
  GIT_COMMITTER_NAME: "Test Committer",
  GIT_COMMITTER_EMAIL: "committer@example.com",
});

afterAll(() => {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
});

export interface TestRepo {
  root: string;
  /** Run git in the repository; returns stdout. */
  git(...args: string[]): string;
  /** Write a file (creating folders). */
  write(path: string, text: string): void;
  /** `git add -A && git commit`; returns the commit sha. */
  commitAll(message?: string): string;
}

/** A fresh repository whose first branch is `branch` (default `main`), without commits. */
export function makeRepo(branch = "main"): TestRepo {
  const repo = makeRepoAt(tempDir("phasegate-repo-"));
  repo.git("-c", `init.defaultBranch=${branch}`, "init", "--quiet");
  return repo;
}

function makeRepoAt(root: string): TestRepo {
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  return {
    root,
    git,
    write(path, text) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    commitAll(message = "commit") {
      git("add", "-A");
      git("commit", "--quiet", "-m", message);
      return git("rev-parse", "HEAD").trim();
    },
  };
}

/** A copy of `repo` in a new folder: cheaper than building the same repository again (no git process). */
export function copyRepo(repo: TestRepo): TestRepo {
  const copy = makeRepoAt(tempDir("phasegate-repo-"));
  cpSync(repo.root, copy.root, { recursive: true });
  return copy;
}
