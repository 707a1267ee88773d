import type { FileSnapshot, Revision, Snapshot } from "../core/index.js";
import type { ActorPermission } from "./actor-permission.js";
import type { AnchorCache } from "./anchor-cache.js";
import type { BlobStore, RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { GitTree } from "./git-tree.js";
import { readBranchHead } from "./read-branch-head.js";
import { dirOf, readCommits, type PathFile, type PathRead, type ReadTarget } from "./read-paths.js";

/** What snapshots and writes share: the client, where the repository is, the blob and anchor caches. */
export interface GitContext {
  client: GitHubClient;
  at: RepoLocation;
  blobs: BlobStore;
  anchors: AnchorCache;
  /** The delivery's actor, whose permission the first query reads too (ADR 30). */
  actor?: ActorPermission;
}

export interface SnapshotInit {
  ref: string;
  /** The commit, when known (work(), a write, a sha); a branch snapshot resolves it only if asked. */
  commit?: string | undefined;
  /** The tree, or what names it for one lazy recursive read (a branch name, a commit or tree id). */
  tree: GitTree | string | undefined;
  /** work() on a branch that does not exist yet: the first write creates it at `commit`. */
  missing?: boolean;
  /** The tree's id when known without reading the tree (a GraphQL answer, a write). */
  treeSha?: string;
  /** Files known at this commit (null: no file there), so reading them sends nothing. */
  files?: ReadonlyMap<string, PathFile>;
  /** The file names of folders known at this commit: a path not listed there is no file. */
  dirs?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Paths to fetch with the first read (the caller's hint). */
  prefetch?: readonly string[];
  /** Another branch's head and files to fetch in the same first query, handed to `put`. */
  then?: {
    branch: string;
    paths: readonly string[];
    anchors?: ReadTarget["anchors"];
    put: (head: PathRead | undefined) => void;
  };
}

/**
 * One commit's files on GitHub. Files are read by path in one GraphQL query per batch (the reads
 * asked in the same tick, plus the hinted paths on the first), which also pins the commit a branch
 * snapshot shows; a list reads the recursive tree (lazily, once). Blobs are cached by id for the life
 * of the adapter.
 */
export class GitHubSnapshot implements Snapshot {
  readonly ref: string;
  readonly missing: boolean;
  private commitSha: string | undefined;
  private loadedTree: GitTree | undefined;
  private pending: Promise<GitTree | undefined> | undefined;
  private treeish: string | undefined;
  private treeSha: string | undefined;
  /** The ref or commit does not exist (found by a query): every read is empty. */
  private absent = false;
  private readonly files = new Map<string, PathFile>();
  private readonly dirs = new Map<string, ReadonlySet<string>>();
  private prefetch: readonly string[];
  private then: SnapshotInit["then"];
  private batch: Map<string, ((file: PathFile) => void)[]> | undefined;
  private batchFailed: ((error: unknown) => void)[] = [];
  /** Whether the first query went out (the hint's paths went with it). */
  private flushed = false;

  constructor(
    private readonly git: GitContext,
    init: SnapshotInit,
  ) {
    this.ref = init.ref;
    this.missing = init.missing ?? false;
    this.commitSha = init.commit;
    this.treeSha = init.treeSha;
    this.prefetch = init.prefetch ?? [];
    this.then = init.then;
    for (const [path, file] of init.files ?? []) this.files.set(path, file);
    for (const [dir, names] of init.dirs ?? []) this.dirs.set(dir, names);
    if (init.tree instanceof GitTree) this.loadedTree = init.tree;
    else if (init.tree === undefined) this.pending = Promise.resolve(undefined);
    else this.treeish = init.tree;
  }

  /**
   * The commit and tree, once both are known: always for work() and written snapshots; for a branch
   * snapshot after its first read or `resolveRevision()`.
   */
  get revision(): Revision | undefined {
    const tree = this.loadedTree?.sha ?? this.treeSha;
    return this.commitSha && tree ? { commit: this.commitSha, tree } : undefined;
  }

  /** The commit, reading the branch's ref when the snapshot was taken from its tree alone. */
  async resolveRevision(): Promise<Revision | undefined> {
    if (this.commitSha === undefined && !this.missing && /^[0-9a-f]{40}$/i.test(this.ref)) this.commitSha = this.ref;
    this.commitSha ??= await readBranchHead(this.git, this.ref);
    if (!this.treeSha) await this.tree();
    return this.revision;
  }

  /** The tree (one recursive read the first time), or undefined when the ref does not exist. */
  async tree(): Promise<GitTree | undefined> {
    if (this.loadedTree) return this.loadedTree;
    // Once a query pinned the commit, the tree is that commit's, not the branch's head of later.
    this.pending ??= GitTree.read(this.git.client, this.git.at, this.commitSha ?? (this.treeish as string)).then(
      (tree) => {
        this.loadedTree = tree;
        return tree;
      },
    );
    return this.pending;
  }

  async read(path: string): Promise<FileSnapshot | undefined> {
    const clean = normalizePath(path);
    let file: PathFile | undefined = this.files.get(clean);
    const listed = this.dirs.get(dirOf(clean));
    if (file === undefined && listed && !listed.has(clean.slice(clean.lastIndexOf("/") + 1))) file = null;
    if (file === undefined && !this.files.has(clean)) {
      if (this.loadedTree || this.pending || this.absent) {
        const entry = this.absent ? undefined : await (await this.tree())?.file(clean);
        file = entry ? { text: await this.git.blobs.text(entry.sha), sha: entry.sha, mode: entry.mode } : null;
      } else file = await this.queue(clean);
    }
    if (!file) return undefined;
    return {
      path: clean,
      text: file.text,
      version: file.sha,
      ...(file.mode === "120000" && { symlink: true as const }),
    };
  }

  /**
   * More paths to fetch with the first read, when it is still to come (a snapshot one delivery keeps,
   * asked for again with another hint); afterwards, reads ask for what they need.
   */
  hint(paths: readonly string[]): void {
    if (!this.flushed) this.prefetch = [...this.prefetch, ...paths];
  }

  /** The files known without a request (read before, hinted, or written here). */
  knownFiles(): ReadonlyMap<string, PathFile> {
    return this.files;
  }

  /** The folders whose file names are known without a request. */
  knownDirs(): ReadonlyMap<string, ReadonlySet<string>> {
    return this.dirs;
  }

  /** The tree, if it was read (or is known) already; never reads it. */
  get treeIfLoaded(): GitTree | undefined {
    return this.loadedTree;
  }

  /** Reads asked in the same tick go out as one query (with the hint's paths, the first time). */
  private queue(path: string): Promise<PathFile> {
    return new Promise((resolve, reject) => {
      if (!this.batch) {
        this.batch = new Map();
        this.batchFailed = [];
        queueMicrotask(() => void this.flush());
      }
      this.batch.set(path, [...(this.batch.get(path) ?? []), resolve]);
      this.batchFailed.push(reject);
    });
  }

  private async flush(): Promise<void> {
    const batch = this.batch!;
    const failed = this.batchFailed;
    this.batch = undefined;
    const paths = [...new Set([...this.prefetch, ...batch.keys()])];
    const then = this.then;
    this.flushed = true;
    this.prefetch = [];
    this.then = undefined;
    try {
      const at = this.commitSha ? { commit: this.commitSha } : { branch: this.treeish ?? this.ref };
      const targets: ReadTarget[] = [
        { at, paths },
        ...(then
          ? [{ at: { branch: then.branch }, paths: then.paths, ...(then.anchors && { anchors: then.anchors }) }]
          : []),
      ];
      const [found, other] = await readCommits(this.git, targets);
      if (then) then.put(other);
      if (!found) this.absent = true;
      else {
        this.commitSha ??= found.commit;
        this.treeSha ??= found.tree;
        for (const [dir, names] of found.dirs) this.dirs.set(dir, names);
      }
      for (const path of paths) this.files.set(path, found?.files.get(path) ?? null);
      for (const [path, resolves] of batch) for (const resolve of resolves) resolve(this.files.get(path) ?? null);
    } catch (error) {
      for (const reject of failed) reject(error);
    }
  }

  async list(dir: string): Promise<string[]> {
    if (this.absent) return [];
    // A folder a query listed already (its files' names, at this commit): no tree to read.
    const clean = normalizePath(dir);
    const known = this.loadedTree ? undefined : this.dirs.get(clean);
    if (known) return [...known].map((name) => (clean === "" ? name : `${clean}/${name}`)).sort();
    const tree = await this.tree();
    return tree ? tree.list(normalizePath(dir)) : [];
  }
}

/** Repository-relative, without `./`, leading or trailing slashes; `..` is refused. */
export function normalizePath(path: string): string {
  const parts = path.split("/").filter((p) => p !== "" && p !== ".");
  if (parts.includes("..")) throw new Error(`path ${path} leaves the repository`);
  return parts.join("/");
}
