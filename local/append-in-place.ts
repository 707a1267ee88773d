/**
 * Appends to the event log in place, for the step writer (LocalRepo.write). Rewriting the whole
 * file per step (temporary copy, fsync, rename) made `execute` quadratic: 1,000 independent tasks
 * took 6.5 s, 5,000 took 54 s. Now a step opens the file for appending, writes, fsyncs.
 *
 * Versions. A file read has its git blob id as version (so it equals the committed one when the
 * bytes match). A file we appended to gets a *stat version* instead, `stat:<dev>:<ino>:<size>:<mtime
 * ns>:<ctime ns>`: computing the blob id would mean hashing the whole file again on every step
 * (the header holds the length, so SHA-1 cannot be continued), which is quadratic again. Both
 * kinds are only ever compared with the same file's current state, under its lock: a stat version
 * by stat (a write by anyone else changes the size or the times, a replacement the inode), a blob
 * id by reading and hashing. Measured with `npm run bench` (docs/benchmarks.md).
 *
 * Crash safety: a crash mid-append can leave a cut-off last line, never a changed earlier one; the
 * log parser reports such a line as unverified and `phasegate log repair` removes it.
 */
import { open, stat } from "node:fs/promises";
import { dirname } from "node:path";
import { blobId } from "./blob-id.js";
import { readIfExists } from "./read-regular-file.js";

/** Append `data` to `absolute` (created when missing), durably; returns the file's new stat version. */
export async function appendInPlace(absolute: string, data: Buffer): Promise<string> {
  const existed = await stat(absolute).then(
    () => true,
    () => false,
  );
  const handle = await open(absolute, "a");
  try {
    await handle.write(data);
    await handle.sync();
    const version = statVersion(await handle.stat({ bigint: true }));
    if (!existed) await syncFolder(dirname(absolute));
    return version;
  } finally {
    await handle.close();
  }
}

/** Whether the file at `absolute` still has `version` (undefined: does not exist). */
export async function isAtVersion(absolute: string, version: string | undefined): Promise<boolean> {
  if (version?.startsWith("stat:")) {
    const info = await stat(absolute, { bigint: true }).catch(() => undefined);
    return info !== undefined && statVersion(info) === version;
  }
  const bytes = await readIfExists(absolute);
  return (bytes && blobId(bytes)) === version;
}

interface BigStat {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
}

export function statVersion(info: BigStat): string {
  return `stat:${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}

async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, "r").catch(() => undefined);
  await handle?.sync().catch(() => undefined);
  await handle?.close();
}
