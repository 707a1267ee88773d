/**
 * What git said about a few recent commits, kept in the git directory
 * (`.git/phasegate/commits.json`): each commit's tree and the object at each path looked up in it.
 * A commit id names its tree and files forever, so a command that reads the default branch's plan at
 * a commit read before needs no git process to know which blob it is (ADR 37). Only facts git gave,
 * or its loose objects hashed to their ids showed (ADR 42), are recorded, and the memo is used only where RefFiles reads the layout (no replace refs).
 */
import { mkdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { replaceFile } from "./file-lock.js";
import { findGitDir } from "./log-witness.js";

/** The object at a path of a commit: a blob (a symlink's too), or null for none (missing, a tree, …). */
export type MemoEntry = { oid: string; symlink: boolean } | null;

interface Facts {
  tree: string;
  /** Path → `[blob id, 1 when a symlink]`, or null when there is no blob there. */
  paths: Record<string, [string, number] | null>;
  /** Paths (joined by NUL) → every blob id they had in the commit's history (see historyBlobs). */
  histories?: Record<string, string[]>;
}

/** How many commits are kept: the default branch's recent tips and HEAD's. */
const KEEP = 32;
const VERSION = 1;

export class CommitMemo {
  private commits: Promise<Map<string, Facts>> | undefined;
  private saving: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(private readonly root: string) {}

  async tree(commit: string): Promise<string | undefined> {
    return (await this.load()).get(commit)?.tree;
  }

  /** The object at `path` in `commit`, as git said; undefined when not recorded. */
  async entry(commit: string, path: string): Promise<MemoEntry | undefined> {
    const paths = (await this.load()).get(commit)?.paths;
    if (!paths || !Object.hasOwn(paths, path)) return undefined;
    const found = paths[path];
    return found ? { oid: found[0], symlink: found[1] === 1 } : null;
  }

  /** Record `commit`'s tree (git said `<commit>^{commit}` is `commit` and `<commit>^{tree}` is `tree`). */
  async learnTree(commit: string, tree: string): Promise<void> {
    const commits = await this.load();
    const known = commits.get(commit);
    if (known?.tree === tree) return;
    commits.delete(commit);
    commits.set(commit, { tree, paths: {} });
    await this.save(commits);
  }

  /** Record what git said is at `path` in `commit` (whose tree is recorded). */
  async learnEntry(commit: string, path: string, entry: MemoEntry): Promise<void> {
    const facts = (await this.load()).get(commit);
    if (!facts) return;
    const value: [string, number] | null = entry && [entry.oid, entry.symlink ? 1 : 0];
    if (Object.hasOwn(facts.paths, path) && JSON.stringify(facts.paths[path]) === JSON.stringify(value)) return;
    // Defined, not assigned: a path named `__proto__` is a key like any other.
    Object.defineProperty(facts.paths, path, { value, enumerable: true, writable: true, configurable: true });
    await this.save(await this.load());
  }

  /** Every blob id `paths` had in `commit`'s history, as recorded; undefined when not recorded. */
  async history(commit: string, paths: readonly string[]): Promise<Set<string> | undefined> {
    const ids = (await this.load()).get(commit)?.histories?.[paths.join("\0")];
    return ids && new Set(ids);
  }

  /** Record the blob ids `paths` had in the history of `commit` (whose tree is recorded). */
  async learnHistory(commit: string, paths: readonly string[], ids: ReadonlySet<string>): Promise<void> {
    const facts = (await this.load()).get(commit);
    if (!facts) return;
    const key = paths.join("\0");
    const value = [...ids].sort();
    if (JSON.stringify(facts.histories?.[key]) === JSON.stringify(value)) return;
    facts.histories ??= {};
    Object.defineProperty(facts.histories, key, { value, enumerable: true, writable: true, configurable: true });
    await this.save(await this.load());
  }

  private load(): Promise<Map<string, Facts>> {
    this.commits ??= this.file().then(async (file) => {
      const text = await readFile(file, "utf8").catch(() => undefined);
      return new Map(text === undefined ? [] : parseFacts(text));
    });
    return this.commits;
  }

  /**
   * One write at a time, of the newest facts (a fact learnt while a write waits goes with it); not
   * durable: losing it costs a git process later, never a wrong answer. Resolves once the facts are written.
   */
  private save(commits: Map<string, Facts>): Promise<void> {
    if (this.dirty) return this.saving;
    this.dirty = true;
    this.saving = this.saving.then(async () => {
      this.dirty = false;
      const kept = [...commits].slice(-KEEP);
      const file = await this.file();
      await mkdir(join(file, ".."), { recursive: true });
      const text = JSON.stringify({ version: VERSION, commits: Object.fromEntries(kept) }) + "\n";
      await replaceFile(file, Buffer.from(text), { durable: false });
    });
    this.saving = this.saving.catch(() => undefined);
    return this.saving;
  }

  private async file(): Promise<string> {
    return join(await findGitDir(this.root), "phasegate", "commits.json");
  }
}

/** The recorded commits, oldest first; none from a file that is damaged or of another version. */
function parseFacts(text: string): [string, Facts][] {
  try {
    const value = JSON.parse(text) as { version?: unknown; commits?: Record<string, Partial<Facts>> };
    if (value.version !== VERSION || typeof value.commits !== "object" || value.commits === null) return [];
    const valid = Object.entries(value.commits).filter(
      ([, facts]) =>
        typeof facts?.tree === "string" &&
        typeof facts.paths === "object" &&
        facts.paths !== null &&
        Object.values(facts.paths).every(
          (entry) =>
            entry === null ||
            (Array.isArray(entry) && typeof entry[0] === "string" && (entry[1] === 0 || entry[1] === 1)),
        ) &&
        (facts.histories === undefined ||
          (typeof facts.histories === "object" &&
            facts.histories !== null &&
            Object.values(facts.histories).every(
              (ids) => Array.isArray(ids) && ids.every((id) => typeof id === "string"),
            ))),
    );
    return valid as [string, Facts][];
  } catch {
    return [];
  }
}
