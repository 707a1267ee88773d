/**
 * One `git cat-file --batch` process answering every object lookup of a burst of reads: a command
 * looks up a dozen objects (the default branch, its plan among six candidate names, the working
 * tree's HEAD), and starting git for each was most of a small command's time. The process is started
 * on the first lookup and its input closed once it has been idle for a moment, so none outlives its use.
 */
import type { ChildProcess } from "node:child_process";
import { GitError, startGit } from "./git.js";

export interface GitObject {
  oid: string;
  type: string;
  content: Buffer;
}

interface Request {
  names: string[];
  objects: Array<GitObject | undefined>;
  resolve: (objects: Array<GitObject | undefined>) => void;
  reject: (error: Error) => void;
}

const IDLE_MS = 100;
/** How long a session started ahead of its first lookup waits for one. */
const PRESTART_IDLE_MS = 2_000;

export class CatFileSession {
  private child: ChildProcess | undefined;
  private pending: Request[] = [];
  private parts: Buffer[] = [];
  private length = 0;
  /** Bytes needed before parsing is worth trying again. */
  private expect = 0;
  private idle: NodeJS.Timeout | undefined;

  constructor(private readonly root: string) {}

  /** The objects `names` name, in order; undefined for a missing (or ambiguous) one. */
  lookup(names: string[]): Promise<Array<GitObject | undefined>> {
    if (names.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      clearTimeout(this.idle);
      const child = this.start();
      hold(child, true);
      this.pending.push({ names, objects: [], resolve, reject });
      child.stdin?.write(names.map((name) => `${name}\n`).join(""));
    });
  }

  /**
   * Start git now, before the first lookup (while other git processes run): it waits for names
   * without keeping Node alive, and a command that never looks anything up exits all the same.
   */
  prestart(): void {
    if (this.child) return;
    this.start();
    this.scheduleClose(PRESTART_IDLE_MS);
  }

  private start(): ChildProcess {
    if (this.child) return this.child;
    const child = startGit(this.root, ["cat-file", "--batch"]);
    this.child = child;
    const errors: Buffer[] = [];
    child.stdin?.on("error", () => undefined);
    child.stderr?.on("data", (chunk: Buffer) => errors.push(chunk));
    child.stdout?.on("data", (chunk: Buffer) => this.receive(chunk));
    const fail = (code: number | string) => {
      if (this.child !== child) return;
      this.child = undefined;
      [this.parts, this.length, this.expect] = [[], 0, 0];
      const failed = this.pending.splice(0);
      const error = new GitError(["cat-file", "--batch"], code, Buffer.concat(errors).toString("utf8"));
      for (const request of failed) request.reject(error);
    };
    child.on("error", (error: NodeJS.ErrnoException) => fail(error.code ?? "spawn-error"));
    child.on("close", (code, signal) => fail(code ?? signal ?? "unknown"));
    return child;
  }

  /**
   * Parse answers as they come: `<oid> <type> <size>\n<content>\n`, or `<name> missing\n`. Chunks
   * of a large object are only joined once all of it is here (joining each time would be quadratic).
   */
  private receive(chunk: Buffer): void {
    this.parts.push(chunk);
    this.length += chunk.length;
    if (this.length < this.expect) return;
    const buffer = this.parts.length === 1 ? (this.parts[0] as Buffer) : Buffer.concat(this.parts);
    let at = 0;
    this.expect = 0;
    for (;;) {
      const request = this.pending[0];
      if (!request) break;
      const eol = buffer.indexOf(10, at);
      if (eol === -1) break;
      const [oid = "", type = "", size = ""] = buffer.subarray(at, eol).toString("utf8").split(" ");
      const found = /^[0-9a-f]{40,64}$/.test(oid) && /^\d+$/.test(size);
      const end = eol + 1 + Number(size);
      if (found && buffer.length < end + 1) {
        this.expect = end + 1 - at; // the content is not all here yet
        break;
      }
      request.objects.push(found ? { oid, type, content: Buffer.from(buffer.subarray(eol + 1, end)) } : undefined);
      at = found ? end + 1 : eol + 1;
      if (request.objects.length === request.names.length) {
        this.pending.shift();
        request.resolve(request.objects);
      }
    }
    const rest = buffer.subarray(at);
    this.parts = rest.length > 0 ? [rest] : [];
    this.length = rest.length;
    if (this.pending.length === 0) this.scheduleClose();
  }

  private scheduleClose(ms = IDLE_MS): void {
    // Idle, it must not keep Node running: a command that is done exits at once, closing git's input.
    if (this.child) hold(this.child, false);
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      const child = this.child;
      if (!child || this.pending.length > 0) return;
      this.child = undefined;
      child.stdin?.end();
    }, ms);
    this.idle.unref();
  }
}

/** Whether the process and its pipes keep Node's event loop alive. */
function hold(child: ChildProcess, keep: boolean): void {
  for (const handle of [child, child.stdin, child.stdout, child.stderr]) {
    const h = handle as { ref?: () => void; unref?: () => void } | null;
    if (keep) h?.ref?.();
    else h?.unref?.();
  }
}
