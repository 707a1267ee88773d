/**
 * A rows file (core/events/lazy-rows.ts) opened for a narrow read (ADR 41): its head and index lines
 * are read now, a row's bytes when the row is first used, through the descriptor held open until
 * every row was read or the command closes it. A file replaced meanwhile (another process renames a
 * newer prefix over it) is still read as it was: the descriptor keeps the file its index describes.
 */
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import type { RowsSource } from "../core/events/lazy-rows.js";

/** Enough for the head and index of a 1,000-task plan or state; a longer pair is read again whole. */
const FIRST_READ = 131_072;

/** A rows source over an open file; `close` lets the descriptor go (a row read after it throws). */
export interface RowsFile extends RowsSource {
  close(): void;
  /** Bytes read from the file so far (what a narrow command's read costs). */
  readonly bytesRead: number;
}

/**
 * `path` opened as a rows file and added to `open` until it is closed; undefined when it cannot be
 * opened or read, or has no index line.
 */
export function openRowsFile(path: string, open: Set<RowsFile>): RowsFile | undefined {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return undefined;
  }
  try {
    const size = fstatSync(fd).size;
    for (let length = Math.min(size, FIRST_READ); ; length = Math.min(size, length * 4)) {
      const start = readFully(fd, 0, length);
      const first = start.indexOf(10);
      const end = first < 0 ? -1 : start.indexOf(10, first + 1);
      if (end >= 0) return new OpenRows(fd, start, first, end, size, open);
      if (length >= size || start.length < length) break;
    }
  } catch {
    // Unreadable: as good as none.
  }
  closeSync(fd);
  return undefined;
}

class OpenRows implements RowsFile {
  readonly head: string;
  readonly index: string;
  readonly size: number;
  bytesRead: number;
  /** Where the first row starts. */
  private readonly base: number;
  private closed = false;

  constructor(
    private readonly fd: number,
    /** The first bytes read: the rows among them are not read again. */
    private readonly start: Buffer,
    first: number,
    end: number,
    fileSize: number,
    private readonly open: Set<RowsFile>,
  ) {
    this.head = start.toString("utf8", 0, first);
    this.index = start.toString("utf8", first + 1, end);
    this.base = end + 1;
    this.size = fileSize - this.base;
    this.bytesRead = start.length;
    open.add(this);
  }

  read(offset: number, length: number): string {
    if (this.closed) throw new Error("a stored row was used after its command ended");
    const from = this.base + offset;
    if (from + length <= this.start.length) return this.start.toString("utf8", from, from + length);
    const bytes = readFully(this.fd, from, length);
    this.bytesRead += bytes.length;
    return bytes.toString("utf8");
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.open.delete(this);
    closeSync(this.fd);
  }
}

/** `length` bytes at `position`, or fewer where the file ends. */
function readFully(fd: number, position: number, length: number): Buffer {
  const buffer = Buffer.allocUnsafe(length);
  let got = 0;
  for (let n = -1; got < length && n !== 0; got += n) n = readSync(fd, buffer, got, length - got, position + got);
  return buffer.subarray(0, got);
}
