/**
 * `Repo` over a git working tree (local mode). Reads without a ref see the working tree; reads with
 * a ref see git's objects. Writes go to the working tree only: committing them is the checkpoint's job.
 *
 * Versions are git blob ids computed in-process (`git hash-object --no-filters`), so a file that
 * matches its committed bytes has the same version at HEAD and in the working tree, and no git
 * process is started per read.
 */
import { createHash, randomBytes } from "node:crypto";
import { mkdir, open, readFile, readdir, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { FileSnapshot, Repo, Revision, WriteResult } from "../../core/index.js";
import { commitPaths, listChanges } from "./checkpoint-git.js";
import { confinePath } from "./confine-path.js";
import { assertRefLike, getCurrentBranch, isGitExit, runGit } from "./git.js";

export interface LocalRepoOptions {
  /** Top level of the working tree (see `LocalRepo.open` to find it from any folder inside). */
  root: string;
  /** How long an append or write waits for another process's lock before failing. Default 5 s. */
  lockTimeoutMs?: number;
  /** A lock older than this is stale even if its pid looks alive (pid reuse). Default 30 s. */
  staleLockMs?: number;
}

interface LockOptions {
  lockTimeoutMs: number;
  staleLockMs: number;
}

export class LocalRepo implements Repo {
  readonly root: string;
  private readonly lock: LockOptions;

  constructor(options: LocalRepoOptions) {
    this.root = options.root;
    this.lock = { lockTimeoutMs: options.lockTimeoutMs ?? 5_000, staleLockMs: options.staleLockMs ?? 30_000 };
  }

  /** The repository that contains `cwd`, rooted at its top level. */
  static async open(cwd: string, options: Omit<LocalRepoOptions, "root"> = {}): Promise<LocalRepo> {
    const root = (await runGit(cwd, ["rev-parse", "--show-toplevel"])).replace(/\n$/, "");
    return new LocalRepo({ ...options, root });
  }

  async read(path: string, ref?: string): Promise<FileSnapshot | undefined> {
    const { relative, absolute } = await confinePath(this.root, path);
    if (ref === undefined) {
      const bytes = await readIfExists(absolute);
      return bytes && { path: relative, text: bytes.toString("utf8"), version: blobId(bytes) };
    }
    const commit = await this.resolveCommit(ref);
    const entry = commit === undefined ? undefined : (await this.lsTree(commit, relative)).find((e) => e.path === relative);
    if (entry?.type !== "blob") return undefined;
    const bytes = await runGit(this.root, ["cat-file", "blob", entry.oid], { raw: true });
    return { path: relative, text: bytes.toString("utf8"), version: entry.oid };
  }

  async list(dir: string, ref?: string): Promise<string[]> {
    const { relative, absolute } = await confinePath(this.root, dir, { allowRoot: true });
    const prefix = relative === "" ? "" : `${relative}/`;
    if (ref === undefined) {
      const entries = await readdir(absolute, { withFileTypes: true }).catch(ifMissing([]));
      return entries
        .filter((entry) => entry.isFile() && !entry.name.includes(TEMP_MARK))
        .map((entry) => prefix + entry.name)
        .sort();
    }
    const commit = await this.resolveCommit(ref);
    if (commit === undefined) return [];
    const entries = await this.lsTree(commit, prefix);
    // Symlinks (mode 120000) are left out, as in the working tree listing.
    return entries.filter((e) => e.type === "blob" && e.mode !== "120000").map((e) => e.path).sort();
  }

  async append(path: string, text: string, expectedVersion: string | undefined): Promise<WriteResult> {
    const { absolute } = await confinePath(this.root, path);
    await mkdir(dirname(absolute), { recursive: true });
    return withFileLock(absolute, path, this.lock, async () => {
      const current = await readIfExists(absolute);
      const version = current && blobId(current);
      if (version !== expectedVersion) return { ok: false, reason: "conflict" } as const;
      // Whole-file replace (temp + fsync + rename): readers and crashes see the old file or the new one.
      const next = Buffer.concat([current ?? Buffer.alloc(0), Buffer.from(text, "utf8")]);
      await replaceFile(absolute, next);
      return { ok: true, version: blobId(next) } as const;
    });
  }

  async write(path: string, text: string): Promise<void> {
    const { absolute } = await confinePath(this.root, path);
    await mkdir(dirname(absolute), { recursive: true });
    // Under the same lock as append, so a write never interleaves with an append's read-compare-replace.
    await withFileLock(absolute, path, this.lock, () => replaceFile(absolute, Buffer.from(text, "utf8")));
  }

  async revision(ref?: string): Promise<Revision | undefined> {
    const commit = await this.resolveCommit(ref ?? "HEAD");
    if (commit === undefined) return undefined;
    const tree = (await runGit(this.root, ["rev-parse", "--verify", `${commit}^{tree}`])).trim();
    return { commit, tree };
  }

  /** `origin/HEAD`'s branch; else `init.defaultBranch`, `main` or `master` if it exists; else the current branch. */
  async defaultBranch(): Promise<string> {
    const remoteHead = await this.gitOrUndefined(["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"]);
    if (remoteHead?.startsWith("refs/remotes/origin/")) return remoteHead.slice("refs/remotes/origin/".length);
    const configured = await this.gitOrUndefined(["config", "--get", "init.defaultBranch"]);
    const candidates = [configured, "main", "master"].filter((name): name is string => !!name);
    const refs = candidates.map((name) => `refs/heads/${name}`);
    const existing = (await runGit(this.root, ["for-each-ref", "--format=%(refname)", ...refs])).split("\n");
    const found = refs.find((ref) => existing.includes(ref));
    if (found !== undefined) return found.slice("refs/heads/".length);
    const current = await getCurrentBranch(this.root);
    if (current) return current;
    throw new Error(`cannot tell the default branch of ${this.root}: no origin/HEAD, no main or master, and HEAD is detached`);
  }

  currentBranch(): Promise<string | undefined> {
    return getCurrentBranch(this.root);
  }

  async changes(): Promise<string[]> {
    return (await listChanges(this.root)).map((change) => change.path);
  }

  /** Commit exactly `paths` on the checked-out `branch` (see commitPaths: never the default branch, never forced). */
  async commit(input: { branch: string; paths: string[]; message: string }): Promise<string> {
    return commitPaths(this.root, { ...input, defaultBranch: await this.defaultBranch() });
  }

  /** The commit `ref` names, or undefined when there is none (unknown ref, or no commits yet). */
  private async resolveCommit(ref: string): Promise<string | undefined> {
    assertRefLike(ref);
    return this.gitOrUndefined(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  }

  /** `git ls-tree` of `path` at `commit`; a path ending in `/` lists that folder's entries. */
  private async lsTree(commit: string, path: string): Promise<TreeEntry[]> {
    const out = await runGit(this.root, ["ls-tree", "-z", commit, ...(path === "" ? [] : ["--", path])]);
    return out
      .split("\0")
      .filter((line) => line !== "")
      .map((line) => {
        const tab = line.indexOf("\t");
        const [mode = "", type = "", oid = ""] = line.slice(0, tab).split(" ");
        return { mode, type, oid, path: line.slice(tab + 1) };
      });
  }

  /** Trimmed stdout, or undefined when git exits with 1 (`--quiet` lookups that found nothing). */
  private async gitOrUndefined(args: string[]): Promise<string | undefined> {
    try {
      return (await runGit(this.root, args)).trim() || undefined;
    } catch (error) {
      if (isGitExit(error, 1)) return undefined;
      throw error;
    }
  }
}

interface TreeEntry {
  mode: string;
  type: string;
  oid: string;
  path: string;
}

/** The id git gives these bytes as a blob (SHA-1 object format), without running git. */
function blobId(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

async function readIfExists(absolute: string): Promise<Buffer | undefined> {
  return readFile(absolute).catch(ifMissing(undefined));
}

function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return fallback;
    throw error;
  };
}

// ── Cross-process lock and atomic replace ───────────────────────────────────────────────────────

/** Marks our temporary files, so listings skip them. */
const TEMP_MARK = ".phasegate-tmp-";

/**
 * Run `fn` holding `<file>.lock`, an exclusive lock shared with every other process on this machine.
 * The lock file is created with `wx` (fails if it exists) and holds pid, host, time and a nonce.
 * A lock whose pid is dead (same host), that is older than `staleLockMs`, or that stayed empty
 * for 2 s (its creator died between create and write) is stolen; otherwise we retry with
 * jittered backoff until `lockTimeoutMs`, then fail naming the lock file and its holder.
 */
async function withFileLock<T>(file: string, display: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const lockPath = `${file}.lock`;
  const mine = JSON.stringify({ pid: process.pid, host: hostname(), time: new Date().toISOString(), nonce: randomBytes(8).toString("hex") });
  const deadline = Date.now() + options.lockTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath, mine)) break;
    const held = await readLock(lockPath);
    if (held === undefined) continue; // released between our create and our read
    if (isStale(held, options.staleLockMs) && (await steal(lockPath, held.raw))) continue;
    if (Date.now() >= deadline) {
      const who = held.owner ? `pid ${held.owner.pid} on ${held.owner.host} since ${held.owner.time}` : "a process that left it empty";
      throw new Error(
        `could not lock ${display} within ${options.lockTimeoutMs} ms: ${display}.lock is held by ${who}; ` +
          `if no phasegate process is running, delete that file`,
      );
    }
    await sleep(Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random()));
  }
  try {
    return await fn();
  } finally {
    // Remove the lock only if it is still ours (it could have been stolen if we stalled past staleLockMs).
    if ((await readFile(lockPath, "utf8").catch(() => undefined)) === mine) await unlink(lockPath).catch(() => undefined);
  }
}

async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(lockPath, "wx");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
    return true;
  } catch (error) {
    await unlink(lockPath).catch(() => undefined);
    throw error;
  } finally {
    await handle.close();
  }
}

interface HeldLock {
  raw: string;
  owner: { pid: number; host: string; time: string } | undefined;
  ageMs: number;
}

async function readLock(lockPath: string): Promise<HeldLock | undefined> {
  try {
    const [raw, info] = await Promise.all([readFile(lockPath, "utf8"), stat(lockPath)]);
    let owner: HeldLock["owner"];
    try {
      const parsed = JSON.parse(raw) as Record<string, unknown>;
      if (typeof parsed.pid === "number" && typeof parsed.host === "string") owner = { pid: parsed.pid, host: parsed.host, time: String(parsed.time) };
    } catch {
      owner = undefined;
    }
    return { raw, owner, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

function isStale(held: HeldLock, staleLockMs: number): boolean {
  if (held.ageMs > staleLockMs) return true;
  if (held.owner === undefined) return held.ageMs > 2_000;
  return held.owner.host === hostname() && !isAlive(held.owner.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/**
 * Remove a stale lock, but only the one we inspected: under a short-lived guard file, so that two
 * processes that both saw the same stale lock cannot remove each other's fresh one.
 */
async function steal(lockPath: string, staleRaw: string): Promise<boolean> {
  const guardPath = `${lockPath}.steal`;
  if (!(await tryCreate(guardPath, String(process.pid)))) {
    const guard = await stat(guardPath).catch(() => undefined);
    if (guard && Date.now() - guard.mtimeMs > 10_000) await unlink(guardPath).catch(() => undefined);
    return false;
  }
  try {
    const now = await readFile(lockPath, "utf8").catch(() => undefined);
    if (now === staleRaw) await unlink(lockPath).catch(() => undefined);
    return now === undefined || now === staleRaw;
  } finally {
    await unlink(guardPath).catch(() => undefined);
  }
}

/**
 * Replace `target` atomically: write a temporary file in the same folder, fsync it, rename it over
 * the target, fsync the folder. Readers and crashes see the old bytes or the new ones, never a mix.
 */
async function replaceFile(target: string, data: Buffer): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString("hex")}`);
  const mode = await stat(target).then((info) => info.mode & 0o7777, () => undefined);
  try {
    const handle = await open(temp, "wx", mode ?? 0o666);
    try {
      await handle.writeFile(data);
      if (mode !== undefined) await handle.chmod(mode); // keep the old file's mode, whatever the umask
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await syncFolder(dirname(target));
}

/** Make the rename durable; not possible on every platform (Windows), where it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r").catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
