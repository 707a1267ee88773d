import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { main } from "../../cli/main.js";

/** Environment that keeps the machine's and user's git config out of tests. */
export function gitEnv(home: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    HOME: home,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "Test Dev",
    GIT_AUTHOR_EMAIL: "dev@example.test",
    GIT_COMMITTER_NAME: "Test Dev",
    GIT_COMMITTER_EMAIL: "dev@example.test",
  };
}

export interface ScratchRepo {
  root: string;
  env: NodeJS.ProcessEnv;
  git(...args: string[]): string;
  write(path: string, text: string): void;
  read(path: string): string;
  /** Run the CLI in-process; returns exit code and captured output. */
  cli(...args: string[]): Promise<{ code: number; out: string; err: string }>;
  cleanup(): void;
}

/**
 * A temporary git repository with `files` committed on `main`, then checked out on `branch`
 * (the milestone branch) when given. Real git, no shell.
 */
export function scratchRepo(files: Record<string, string>, branch?: string): ScratchRepo {
  const root = mkdtempSync(join(tmpdir(), "phasegate-test-"));
  const env = gitEnv(root);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, env, encoding: "utf8" });
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  git("init", "-q", "-b", "main");
  for (const [path, text] of Object.entries(files)) write(path, text);
  git("add", "-A");
  git("commit", "-q", "--allow-empty", "-m", "initial");
  if (branch) git("switch", "-q", "-c", branch);
  return {
    root,
    env,
    git,
    write,
    read: (path) => readFileSync(join(root, path), "utf8"),
    async cli(...args) {
      let out = "";
      let err = "";
      const code = await main(
        args,
        { out: (t) => void (out += t), err: (t) => void (err += t), json: false },
        { cwd: root, env: { ...env, PHASEGATE_SESSION: "s-test" } },
      );
      return { code, out, err };
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
