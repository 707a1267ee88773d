/**
 * A tiny typed git runner. git is started directly with an argv array (never through a shell), so
 * no argument is ever parsed as shell syntax. Callers put `--` before paths and resolve refs with
 * `--end-of-options` so user text cannot be read as an option.
 */
import type { ChildProcess } from "node:child_process";
import { devNull } from "node:os";
import { childProcess } from "./child-process.js";

export interface GitOptions {
  /** Bytes written to git's stdin (then closed); stdin is closed at once when absent. */
  input?: string | Buffer;
  /** Extra environment variables, on top of the process's. */
  env?: Record<string, string>;
  /** Pass `--literal-pathspecs` (default true); off for the few commands that refuse it (check-ignore). */
  literalPathspecs?: boolean;
  /** Let git run the repository's hooks (default false: no hook of any kind runs, see baseArgs). */
  hooks?: boolean;
}

/** git exited with a non-zero status (or could not be started: `code` is then the errno name). */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly code: number | string,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(`git ${args.join(" ")} failed (${code}): ${stderr.trim() || "no output"}`, options);
    this.name = "GitError";
  }
}

/**
 * Paths are printed raw (not C-quoted), and pathspecs are literal, so a file named `*.md` or
 * `:(top)x` means that file only. Unless `hooks`, no hook runs in this git process or the ones it
 * starts (gc, a commit's post-index-change or reference-transaction): hooks are looked up in the null
 * device, where nothing can be created, whatever `.git/hooks` or a tracked `core.hooksPath` holds, and
 * `core.fsmonitor` (which can name a hook program) is off. Command-line `-c` wins over every config file.
 */
function baseArgs(literalPathspecs: boolean, hooks: boolean): string[] {
  return [
    "-c",
    "core.quotepath=off",
    ...(hooks ? [] : ["-c", `core.hooksPath=${devNull}`, "-c", "core.fsmonitor=false"]),
    ...(literalPathspecs ? ["--literal-pathspecs"] : []),
  ];
}

/** Run `git <args>` in `cwd`; resolves with stdout as UTF-8 text. */
export function runGit(cwd: string, args: readonly string[], options?: GitOptions): Promise<string>;
/** Run `git <args>` in `cwd`; resolves with stdout as raw bytes. */
export function runGit(cwd: string, args: readonly string[], options: GitOptions & { raw: true }): Promise<Buffer>;
export function runGit(
  cwd: string,
  args: readonly string[],
  options: GitOptions & { raw?: boolean } = {},
): Promise<string | Buffer> {
  return new Promise((resolve, reject) => {
    const child = childProcess().spawn(
      "git",
      [...baseArgs(options.literalPathspecs !== false, options.hooks === true), ...args],
      {
        cwd,
        shell: false,
        env: { ...process.env, ...options.env },
        stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
      },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error: NodeJS.ErrnoException) => {
      reject(new GitError(args, error.code ?? "spawn-error", error.message, { cause: error }));
    });
    child.on("close", (code, signal) => {
      if (code === 0) {
        const stdout = Buffer.concat(out);
        resolve(options.raw === true ? stdout : stdout.toString("utf8"));
      } else {
        reject(new GitError(args, code ?? signal ?? "unknown", Buffer.concat(err).toString("utf8")));
      }
    });
    if (child.stdin) {
      // git may exit before reading all of its input (e.g. on a bad argument); that is not our error.
      child.stdin.on("error", () => undefined);
      child.stdin.end(options.input);
    }
  });
}

/** Start `git <args>` with runGit's fixed options, for a long-running process the caller talks to over pipes. */
export function startGit(cwd: string, args: readonly string[]): ChildProcess {
  return childProcess().spawn("git", [...baseArgs(true, false), ...args], {
    cwd,
    shell: false,
    env: process.env,
    stdio: "pipe",
  });
}

/** True when `error` is a GitError with exit status `code` (e.g. 1: "no match" for grep and check-ignore). */
export function isGitExit(error: unknown, code: number): error is GitError {
  return error instanceof GitError && error.code === code;
}

/**
 * Refuse a ref that git could read as an option, before it goes anywhere near an argv or a
 * `cat-file --batch` line (no ref name has whitespace or NUL).
 */
export function assertRefLike(ref: string): void {
  if (ref === "" || ref.startsWith("-") || /[\0\s]/.test(ref)) {
    throw new Error(`invalid git ref ${JSON.stringify(ref)}`);
  }
}

/** The branch checked out at `cwd` (also an unborn one, before the first commit); undefined when HEAD is detached. */
export async function getCurrentBranch(cwd: string): Promise<string | undefined> {
  try {
    return (await runGit(cwd, ["symbolic-ref", "--quiet", "--short", "HEAD"])).trim() || undefined;
  } catch (error) {
    if (isGitExit(error, 1)) return undefined;
    throw error;
  }
}

/**
 * Whether `commit` is in `ref`'s history (`git merge-base --is-ancestor`). `unknownIsNo`: a commit or
 * ref git does not know (exit 128) counts as not in it rather than as an error.
 */
export async function isAncestor(
  root: string,
  commit: string,
  ref: string,
  { unknownIsNo = false }: { unknownIsNo?: boolean } = {},
): Promise<boolean> {
  try {
    await runGit(root, ["merge-base", "--is-ancestor", commit, ref]);
    return true;
  } catch (error) {
    if (isGitExit(error, 1) || (unknownIsNo && isGitExit(error, 128))) return false;
    throw error;
  }
}

/** A full object id: SHA-1 (40 hex digits) or SHA-256 (64). */
export function isObjectId(text: string): boolean {
  return /^[0-9a-f]{40}(?:[0-9a-f]{24})?$/.test(text);
}
