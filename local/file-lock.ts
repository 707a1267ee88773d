/**
 * Exclusive lock files and atomic file replacement for the local `Repo`: what makes appends to the
 * event log compare-and-swap between processes on one machine, and crash-safe.
 */
import { randomBytes } from "node:crypto";
import { open, readFile, rename, stat, unlink } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export interface LockOptions {
  lockTimeoutMs: number;
  staleLockMs: number;
}

/**
 * Our lock files (`<file>.phasegate-lock`, `<file>.phasegate-steal`) and temporary files
 * (`.<file>.phasegate-tmp-<pid>-<hex>`, left behind only by a crash). Not `<file>.lock`: that
 * name could not be told apart from `Gemfile.lock` or `yarn.lock`, which checkpoints must commit.
 */
const LOCK_SUFFIX = ".phasegate-lock";
const GUARD_SUFFIX = ".phasegate-steal";
const TEMP_MARK = ".phasegate-tmp-";

export function isScratchFile(path: string): boolean {
  return /\.phasegate-(lock|steal|tmp-\d+-[0-9a-f]+)$/.test(path);
}

/** A temporary file older than this whose writer's pid is dead on this host was left by a crash. */
const TEMP_GRACE_MS = 5_000;

/**
 * Remove temporary files left by crashed writes (`.<name>.phasegate-tmp-<pid>-<hex>`) among `paths`
 * (absolute): only when the pid is not alive here and the file is older than a few seconds (a
 * working tree shared with another host could hold a live writer's file under a pid free here).
 */
export async function removeCrashedTemps(paths: string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const path of paths) {
    const match = /\.phasegate-tmp-(\d+)-[0-9a-f]+$/.exec(path);
    if (!match || isAlive(Number(match[1]))) continue;
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile() || Date.now() - info.mtimeMs < TEMP_GRACE_MS) continue;
    await unlink(path).then(
      () => removed.push(path),
      () => undefined,
    );
  }
  return removed;
}

/**
 * Run `fn` holding `<file>.phasegate-lock`, an exclusive lock shared with every other process on this machine.
 * The lock file is created with `wx` (fails if it exists) and holds pid, host, time and a nonce.
 * A stale lock (see isStale) is stolen; otherwise we retry with jittered backoff until
 * `lockTimeoutMs`, then fail naming the lock file and its holder.
 */
export async function withFileLock<T>(
  file: string,
  display: string,
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
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
 * `durable: false` skips both fsyncs, for hints that may be lost in a crash (the log witness): readers
 * still see the old bytes or the new ones.
 */
export async function replaceFile(target: string, data: Buffer, options: { durable?: boolean } = {}): Promise<void> {
  const durable = options.durable !== false;
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
      if (durable) await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  if (durable) await syncFolder(dirname(target));
}

/** Make the rename durable; not possible on every platform (Windows), where it is skipped. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r").catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}

/** Run `fn` holding the locks of several files, taken in the given order (callers sort the paths). */
export async function withFileLocks<T>(
  files: { file: string; display: string }[],
  options: LockOptions,
  fn: () => Promise<T>,
): Promise<T> {
  const [first, ...rest] = files;
  if (!first) return fn();
  return withFileLock(first.file, first.display, options, () => withFileLocks(rest, options, fn));
}
