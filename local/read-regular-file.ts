import { constants, type BigIntStats } from "node:fs";
import { open } from "node:fs/promises";

/**
 * The file's bytes, or undefined when it does not exist. Through a file handle and one read of the
 * stat'ed size: fs.promises.readFile reads in 512 KiB chunks and took 12 ms for a 3.4 MB log, this 0.6 ms.
 */
export async function readIfExists(absolute: string, shown = absolute): Promise<Buffer | undefined> {
  // Non-blocking, so that opening a FIFO returns at once instead of waiting for a writer forever.
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK).catch(ifMissing(undefined));
  if (handle === undefined) return undefined;
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw new NotAFile(shown, info.isDirectory() ? "a folder, not a file" : "not a regular file");
    const { size } = info;
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

/**
 * The bytes from `offset` to the end of the file and its stat (one open, one fstat, one read), or
 * undefined when it does not exist. The stat is the file's as read: the bytes end at its size.
 */
export async function readTailIfExists(
  absolute: string,
  offset: number,
  shown = absolute,
): Promise<{ bytes: Buffer; info: BigIntStats } | undefined> {
  const handle = await open(absolute, constants.O_RDONLY | constants.O_NONBLOCK).catch(ifMissing(undefined));
  if (handle === undefined) return undefined;
  try {
    const info = await handle.stat({ bigint: true });
    if (!info.isFile()) throw new NotAFile(shown, info.isDirectory() ? "a folder, not a file" : "not a regular file");
    const size = Number(info.size);
    const bytes = Buffer.allocUnsafe(Math.max(0, size - offset));
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, offset + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { bytes: bytes.subarray(0, filled), info };
  } finally {
    await handle.close();
  }
}

/** A path that names a folder, a FIFO or a device where a file was expected. */
export class NotAFile extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = "NotAFile";
  }
}

function ifMissing<T>(fallback: T): (error: unknown) => T {
  return (error) => {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return fallback;
    throw error;
  };
}
