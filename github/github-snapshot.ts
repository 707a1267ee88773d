import type { FileSnapshot, Revision, Snapshot } from "../core/index.js";
import type { BlobStore, RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { GitTree } from "./git-tree.js";
import { readBranchHead } from "./read-branch-head.js";

/** What snapshots and writes share: the client, where the repository is, and the blob cache. */
export interface GitContext {
  client: GitHubClient;
  at: RepoLocation;
  blobs: BlobStore;
}

export interface SnapshotInit {
  ref: string;
  /** The commit, when known (work(), a write, a sha); a branch snapshot resolves it only if asked. */
  commit?: string | undefined;
  /** The tree, or what names it for one lazy recursive read (a branch name, a commit or tree id). */
  tree: GitTree | string | undefined;
  /** work() on a branch that does not exist yet: the first write creates it at `commit`. */
  missing?: boolean;
}

/**
 * One commit's files on GitHub: one recursive tree read (lazily, on the first read or list), blobs
 * on demand and cached by id for the life of the adapter.
 */
export class GitHubSnapshot implements Snapshot {
  readonly ref: string;
  readonly missing: boolean;
  private commitSha: string | undefined;
  private loadedTree: GitTree | undefined;
  private pending: Promise<GitTree | undefined> | undefined;
  private treeish: string | undefined;

  constructor(
    private readonly git: GitContext,
    init: SnapshotInit,
  ) {
    this.ref = init.ref;
    this.missing = init.missing ?? false;
    this.commitSha = init.commit;
    if (init.tree instanceof GitTree) this.loadedTree = init.tree;
    else if (init.tree === undefined) this.pending = Promise.resolve(undefined);
    else this.treeish = init.tree;
  }

  /**
   * The commit and tree, once both are known: always for work() and written snapshots; for a branch
   * snapshot read tree-first (one request fewer), after `resolveRevision()`.
   */
  get revision(): Revision | undefined {
    return this.commitSha && this.loadedTree ? { commit: this.commitSha, tree: this.loadedTree.sha } : undefined;
  }

  /** The commit, reading the branch's ref when the snapshot was taken from its tree alone. */
  async resolveRevision(): Promise<Revision | undefined> {
    if (this.commitSha === undefined && !this.missing && /^[0-9a-f]{40}$/i.test(this.ref)) this.commitSha = this.ref;
    this.commitSha ??= await readBranchHead(this.git, this.ref);
    await this.tree();
    return this.revision;
  }

  /** The tree (one recursive read the first time), or undefined when the ref does not exist. */
  async tree(): Promise<GitTree | undefined> {
    if (this.loadedTree) return this.loadedTree;
    this.pending ??= GitTree.read(this.git.client, this.git.at, this.treeish as string).then((tree) => {
      this.loadedTree = tree;
      return tree;
    });
    return this.pending;
  }

  async read(path: string): Promise<FileSnapshot | undefined> {
    const clean = normalizePath(path);
    const file = await (await this.tree())?.file(clean);
    if (!file) return undefined;
    return { path: clean, text: await this.git.blobs.text(file.sha), version: file.sha };
  }

  async list(dir: string): Promise<string[]> {
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
