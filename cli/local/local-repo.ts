/**
 * `Repo` over a git working tree (local mode). Reads without a ref see the working tree; reads with
 * a ref see git's objects. Writes go to the working tree only: committing them is the checkpoint's job.
 *
 * Versions are git blob ids computed in-process (`git hash-object --no-filters`), so a file that
 * matches its committed bytes has the same version at HEAD and in the working tree, and no git
 * process is started per read.
 */
import { isAscii } from "node:buffer";
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
  /** A lock taken on another host (shared file system) is stale after this long. Default 30 s. */
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
    try {
      const root = (await runGit(cwd, ["rev-parse", "--show-toplevel"])).replace(/\n$/, "");
      return new LocalRepo({ ...options, root });
    } catch (error) {
      if (!isGitExit(error, 128)) throw error;
      throw new Error(`${cwd} is not inside a git working tree; local mode works on a repository's files and git`, {
        cause: error,
      });
    }
  }

  async read(path: string, ref?: string): Promise<FileSnapshot | undefined> {
    const { relative, absolute } = await confinePath(this.root, path);
    if (ref === undefined) {
      const bytes = await readIfExists(absolute);
      return bytes && { path: relative, text: decode(bytes), version: blobId(bytes) };
    }
    if (relative.includes("\n"))
      throw new Error(`cannot read ${JSON.stringify(path)} at a ref: git cannot look up names with a newline`);
    const [object] = await this.catFile([`${checkedRef(ref)}:${relative}`], true);
    if (object?.type !== "blob") return undefined;
    return { path: relative, text: decode(object.content), version: object.oid };
  }

  async list(dir: string, ref?: string): Promise<string[]> {
    const { relative, absolute } = await confinePath(this.root, dir, { allowRoot: true });
    const prefix = relative === "" ? "" : `${relative}/`;
    if (ref === undefined) {
      const entries = await readdir(absolute, { withFileTypes: true }).catch(ifMissing([]));
      return entries
        .filter((entry) => entry.isFile() && !isScratchFile(entry.name))
        .map((entry) => prefix + entry.name)
        .sort();
    }
    let out: string;
    try {
      out = await runGit(this.root, [
        "ls-tree",
        "-z",
        "--end-of-options",
        checkedRef(ref),
        ...(prefix === "" ? [] : ["--", prefix]),
      ]);
    } catch (error) {
      if (isGitExit(error, 128) && (await this.revision(ref)) === undefined) return []; // no such ref, or no commits yet
      throw error;
    }
    // `<mode> <type> <oid>\t<path>`; symlinks (mode 120000) are left out, as in the working tree listing.
    const blobs = out.split("\0").filter((entry) => /^(100644|100755) blob /.test(entry));
    return blobs.map((entry) => entry.slice(entry.indexOf("\t") + 1)).sort();
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
    const name = checkedRef(ref ?? "HEAD");
    const [commit, tree] = await this.catFile([`${name}^{commit}`, `${name}^{tree}`], false);
    return commit && tree ? { commit: commit.oid, tree: tree.oid } : undefined;
  }

  /** `origin/HEAD`'s branch if there is a remote; else `main` or `master`, whichever exists; else the current branch. */
  async defaultBranch(): Promise<string> {
    const wanted = ["refs/remotes/origin/HEAD", "refs/heads/main", "refs/heads/master"];
    const out = await runGit(this.root, ["for-each-ref", "--format=%(refname) %(symref)", ...wanted]);
    const found = new Map(out.split("\n").map((line) => [line.split(" ")[0], line.split(" ")[1] ?? ""] as const));
    const remoteHead = found.get("refs/remotes/origin/HEAD");
    if (remoteHead?.startsWith("refs/remotes/origin/")) return remoteHead.slice("refs/remotes/origin/".length);
    if (found.has("refs/heads/main")) return "main";
    if (found.has("refs/heads/master")) return "master";
    const current = await getCurrentBranch(this.root);
    if (current !== undefined) return current;
    throw new Error(
      `cannot tell the default branch of ${this.root}: no origin/HEAD, no main or master, and HEAD is detached`,
    );
  }

  currentBranch(): Promise<string | undefined> {
    return getCurrentBranch(this.root);
  }

  /** Changed and untracked files, without our own lock and temporary files (a checkpoint must never commit those). */
  async changes(): Promise<string[]> {
    return (await listChanges(this.root)).map((change) => change.path).filter((path) => !isScratchFile(path));
  }

  /** Commit exactly `paths` on the checked-out `branch` (see commitPaths: never the default branch, never forced). */
  async commit(input: { branch: string; paths: string[]; message: string }): Promise<string> {
    return commitPaths(this.root, { ...input, defaultBranch: await this.defaultBranch() });
  }

  /**
   * Look objects up by name in one `git cat-file` run; undefined for a missing one. Names travel on
   * stdin, never in argv, so no ref or path can be read as an option.
   */
  private async catFile(names: string[], withContent: boolean): Promise<Array<GitObject | undefined>> {
    const mode = withContent ? "--batch" : "--batch-check";
    const out = await runGit(this.root, ["cat-file", mode], {
      raw: true,
      input: names.map((name) => `${name}\n`).join(""),
    });
    const objects: Array<GitObject | undefined> = [];
    for (let at = 0; at < out.length;) {
      const eol = out.indexOf(10, at);
      if (eol === -1) break;
      const [oid = "", type = "", size = "0"] = out.subarray(at, eol).toString("utf8").split(" ");
      at = eol + 1;
      if (!/^[0-9a-f]{40,64}$/.test(oid)) {
        objects.push(undefined); // `<name> missing` (or ambiguous)
        continue;
      }
      const content = withContent ? out.subarray(at, at + Number(size)) : Buffer.alloc(0);
      if (withContent) at += Number(size) + 1;
      objects.push({ oid, type, content });
    }
    return objects;
  }
}

interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

/** A ref checked by assertRefLike; `:` is refused too, since `<ref>:<path>` names a file. */
function checkedRef(ref: string): string {
  assertRefLike(ref);
  if (ref.includes(":")) throw new Error(`invalid git ref ${JSON.stringify(ref)}`);
  return ref;
}

/** The id git gives these bytes as a blob (SHA-1 object format), without running git. */
function blobId(bytes: Buffer): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

/**
 * The file's bytes, or undefined when it does not exist. Through a file handle and one read of the
 * stat'ed size: fs.promises.readFile reads in 512 KiB chunks and took 12 ms for a 3.4 MB log, this 0.6 ms.
 */
async function readIfExists(absolute: string): Promise<Buffer | undefined> {
  const handle = await open(absolute, "r").catch(ifMissing(undefined));
  if (handle === undefined) return undefined;
  try {
    const { size } = await handle.stat();
    const bytes = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const { bytesRead } = await handle.read(bytes, filled, size - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** UTF-8 text; pure ASCII (most logs) decoded as such, which is 25 times faster on Node 20 and the same string. */
function decode(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString("ascii") : bytes.toString("utf8");
}

function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return fallback;
    throw error;
  };
}

// ── Cross-process lock and atomic replace ───────────────────────────────────────────────────────

/**
 * Our lock files (`<file>.phasegate-lock`, `<file>.phasegate-steal`) and temporary files
 * (`.<file>.phasegate-tmp-<pid>-<hex>`, left behind only by a crash). Not `<file>.lock`: that
 * name could not be told apart from `Gemfile.lock` or `yarn.lock`, which checkpoints must commit.
 */
const LOCK_SUFFIX = ".phasegate-lock";
const GUARD_SUFFIX = ".phasegate-steal";
const TEMP_MARK = ".phasegate-tmp-";

function isScratchFile(path: string): boolean {
  return /\.phasegate-(lock|steal|tmp-\d+-[0-9a-f]+)$/.test(path);
}

/**
 * Run `fn` holding `<file>.phasegate-lock`, an exclusive lock shared with every other process on this machine.
 * The lock file is created with `wx` (fails if it exists) and holds pid, host, time and a nonce.
 * A stale lock (see isStale) is stolen; otherwise we retry with jittered backoff until
 * `lockTimeoutMs`, then fail naming the lock file and its holder.
 */
async function withFileLock<T>(file: string, display: string, options: LockOptions, fn: () => Promise<T>): Promise<T> {
  const lockPath = file + LOCK_SUFFIX;
  const mine = JSON.stringify({
    pid: process.pid,
    host: hostname(),
    time: new Date().toISOString(),
    nonce: randomBytes(8).toString("hex"),
  });
  const deadline = Date.now() + options.lockTimeoutMs;
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(lockPath, mine)) break;
    const held = await readLock(lockPath);
    // Gone between our create and our read, or stale and removed by us: try again at once.
    const retryNow = held === undefined || (isStale(held, options.staleLockMs) && (await steal(lockPath, held.raw)));
    if (Date.now() >= deadline) {
      const who = !held
        ? "another process"
        : held.owner
          ? `pid ${held.owner.pid} on ${held.owner.host} since ${held.owner.time}`
          : "a process that left it empty";
      throw new Error(
        `could not lock ${display} within ${options.lockTimeoutMs} ms: ${display}${LOCK_SUFFIX} is held by ${who}; ` +
          `if no phasegate process is running, delete that file`,
      );
    }
    if (!retryNow) await sleep(Math.min(100, 5 * 2 ** attempt) * (0.5 + Math.random()));
  }
  try {
    return await fn();
  } finally {
    // Remove the lock only if it is still ours (it could have been stolen if we stalled past staleLockMs).
    if ((await readFile(lockPath, "utf8").catch(() => undefined)) === mine)
      await unlink(lockPath).catch(() => undefined);
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
      if (typeof parsed.pid === "number" && typeof parsed.host === "string")
        owner = { pid: parsed.pid, host: parsed.host, time: String(parsed.time) };
    } catch {
      owner = undefined;
    }
    return { raw, owner, ageMs: Date.now() - info.mtimeMs };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}

/**
 * A lock on this host is stale only when its pid is dead: a live holder is never robbed, however
 * old its lock (a laptop that slept mid-append must not lose an event); a reused pid makes us fail
 * with instructions instead. Another host's pid cannot be checked, so there age decides.
 */
function isStale(held: HeldLock, staleLockMs: number): boolean {
  if (held.owner === undefined) return held.ageMs > 2_000;
  if (held.owner.host !== hostname()) return held.ageMs > staleLockMs;
  return !isAlive(held.owner.pid);
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
  const guardPath = lockPath.slice(0, -LOCK_SUFFIX.length) + GUARD_SUFFIX;
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
  const temp = join(
    dirname(target),
    `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString("hex")}`,
  );
  const mode = await stat(target).then(
    (info) => info.mode & 0o7777,
    () => undefined,
  );
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
