/**
 * The last verified head of each event log, kept inside the git directory where an edit of the
 * working tree does not reach: cutting lines from the end of a log, which the hash chain alone cannot
 * see, is reported at the first missing line. Keyed by the checked-out branch, since each branch
 * has its own log.
 */
import { mkdir, open, readFile, rm } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import type { LogWitness, TrustedPrefix } from "../core/index.js";
import { parseRows, parseRowsFrom, parseRowsHead, renderRows } from "../core/events/lazy-rows.js";
import { replaceFile } from "./file-lock.js";
import { openRowsFile, type RowsFile } from "./open-rows-file.js";

/** What a resumed fold reads of every task state (StateFolder): the rest is parsed when used. */
const EAGER_TASK_STATE_FIELDS = ["id", "status", "progress"];

interface Head {
  seq: number;
  hash: string;
}

export class GitDirWitness implements LogWitness {
  private gitDir: Promise<string> | undefined;
  /** Prefix files open for lazy task states (ADR 41). */
  private readonly open = new Set<RowsFile>();

  /**
   * `build` names the code that folded a prefix's state: a prefix another build recorded is not used.
   * `openRows` opens a prefix file for a lazy read (a test counts the bytes it reads).
   */
  constructor(
    private readonly root: string,
    private readonly build = "unbundled",
    private readonly openRows = openRowsFile,
  ) {}

  /**
   * The trusted prefix (ports.ts), kept beside the heads in `phasegate/prefixes/<branch>/<milestone>.json`: the state
   * folded by this build and the plan version it recorded, and where the verified text ends.
   */
  async recallPrefix(milestoneId: string, options: { lazy?: boolean } = {}): Promise<TrustedPrefix | undefined> {
    const path = await this.file(milestoneId, "prefixes");
    // Each task state on its own line; `lazy`: read and parsed when a command uses it (ADR 32, 41).
    const rows = options.lazy ? this.openRows(path, this.open) : undefined;
    const parsed = options.lazy
      ? rows && parseRowsFrom(rows, true)
      : parseRows(await readFile(path, "utf8").catch(() => ""), false);
    const { build, prefix } = (parsed?.head ?? {}) as { build?: string; prefix?: TrustedPrefix };
    if (build !== this.build || !isPrefix(prefix) || !parsed) {
      rows?.close();
      return undefined;
    }
    prefix.state.tasks = parsed.rows as TrustedPrefix["state"]["tasks"];
    return prefix;
  }

  /** Let go of the prefix files lazy task states still read from (the command is done with them). */
  close(): void {
    for (const rows of [...this.open]) rows.close();
  }

  /** The recorded prefix's seq, from the file's first line: its state (megabytes) is not read. */
  async recallPrefixSeq(milestoneId: string): Promise<number | undefined> {
    const line = await readFirstLine(await this.file(milestoneId, "prefixes")).catch(() => undefined);
    const { build, prefix } = (parseRowsHead(line ?? "") ?? {}) as { build?: string; prefix?: Partial<TrustedPrefix> };
    return build === this.build && typeof prefix?.seq === "number" ? prefix.seq : undefined;
  }

  async recordPrefix(milestoneId: string, prefix: TrustedPrefix): Promise<void> {
    const file = await this.file(milestoneId, "prefixes");
    await mkdir(join(file, ".."), { recursive: true });
    // Not durable, like the head: losing it costs one full verification, never a wrong answer.
    const head = { build: this.build, prefix: { ...prefix, state: { ...prefix.state, tasks: [] } } };
    const text = renderRows(head, prefix.state.tasks, EAGER_TASK_STATE_FIELDS);
    await replaceFile(file, Buffer.from(text), { durable: false });
  }

  async recall(milestoneId: string): Promise<Head | undefined> {
    const text = await readFile(await this.file(milestoneId), "utf8").catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const head = JSON.parse(text) as Partial<Head>;
      return typeof head.seq === "number" && typeof head.hash === "string"
        ? { seq: head.seq, hash: head.hash }
        : undefined;
    } catch {
      return undefined;
    }
  }

  async record(milestoneId: string, head: Head): Promise<void> {
    const known = await this.recall(milestoneId);
    if (known && known.seq >= head.seq) return;
    const file = await this.file(milestoneId);
    await mkdir(join(file, ".."), { recursive: true });
    // Written after every step: no fsync (two per step made `execute` I/O-bound). A crash can lose the
    // newest head; recall() then returns an older one or nothing, which only weakens the check, never
    // makes it refuse a good log.
    await replaceFile(file, Buffer.from(JSON.stringify(head) + "\n"), { durable: false });
  }

  /** Forget the head (after `phasegate log repair` accepted a shorter log). */
  async forget(milestoneId: string): Promise<void> {
    await replaceFile(await this.file(milestoneId), Buffer.from("{}\n")).catch(() => undefined);
    await rm(await this.file(milestoneId, "prefixes"), { force: true });
  }

  private async file(milestoneId: string, kind: "heads" | "prefixes" = "heads"): Promise<string> {
    this.gitDir ??= findGitDir(this.root);
    const gitDir = await this.gitDir;
    const head = (await readFile(join(gitDir, "HEAD"), "utf8").catch(() => "")).trim();
    const branch = head.startsWith("ref: refs/heads/") ? head.slice("ref: refs/heads/".length) : "detached";
    return join(gitDir, "phasegate", kind, encodeURIComponent(branch), `${milestoneId}.json`);
  }
}

function isPrefix(value: unknown): value is TrustedPrefix {
  const p = value as Partial<TrustedPrefix> | undefined;
  return (
    typeof p?.seq === "number" &&
    typeof p.hash === "string" &&
    typeof p.bytes === "number" &&
    typeof p.lastLineBytes === "number" &&
    typeof p.lastLineDigest === "string" &&
    typeof p.identity === "string" &&
    typeof p.planVersion === "string" &&
    (p.settingsVersion === undefined || typeof p.settingsVersion === "string") &&
    typeof p.state === "object" &&
    p.state !== null &&
    Array.isArray(p.state.tasks)
  );
}

/** A file's text up to its first line end (or all of it), read 16 KiB at a time. */
async function readFirstLine(path: string): Promise<string> {
  const file = await open(path, "r");
  try {
    const chunks: Buffer[] = [];
    for (let position = 0; ;) {
      const { bytesRead, buffer } = await file.read(Buffer.alloc(16_384), 0, 16_384, position);
      const end = buffer.subarray(0, bytesRead).indexOf(10);
      chunks.push(buffer.subarray(0, end < 0 ? bytesRead : end));
      if (end >= 0 || bytesRead === 0) return Buffer.concat(chunks).toString("utf8");
      position += bytesRead;
    }
  } finally {
    await file.close();
  }
}

/**
 * The repository's git folder, read without starting git: `GIT_DIR` when set (relative to the
 * repository's root, where the git processes Phasegate starts run), else `.git`, a folder, or in a
 * linked worktree a file `gitdir: <path>`. Phasegate's own files (heads, prefixes, the plan cache, the commit memo) live
 * there: never in a `.git` folder made in a working tree whose git folder is elsewhere.
 */
export async function findGitDir(root: string): Promise<string> {
  const fromEnv = process.env.GIT_DIR;
  if (fromEnv !== undefined && fromEnv !== "") return resolve(root, fromEnv);
  const dotGit = join(root, ".git");
  const text = await readFile(dotGit, "utf8").catch(() => undefined);
  const pointer = text?.match(/^gitdir: (.+)$/m)?.[1]?.trim();
  if (!pointer) return dotGit;
  return isAbsolute(pointer) ? pointer : join(root, pointer);
}
