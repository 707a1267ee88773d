import type { ReadHint, Repo, Snapshot, StepWrite, WriteResult } from "../core/index.js";
import { BlobStore, type RepoLocation } from "./blob-store.js";
import type { GitHubClient } from "./github-client.js";
import { GitHubSnapshot, type GitContext } from "./github-snapshot.js";
import type { ActorPermission } from "./actor-permission.js";
import { AnchorCache } from "./anchor-cache.js";
import { anchoredMilestones, readLogAnchor } from "./log-anchor.js";
import { readPaths, type PathRead } from "./read-paths.js";
import { writeStep } from "./write-step.js";

export interface GitHubRepoOptions extends RepoLocation {
  client: GitHubClient;
  /** The default branch when the shell knows it (webhook payload, Actions context): saves a request. */
  defaultBranch?: string;
  /** The delivery's actor, whose permission the first query reads along (ADR 30). */
  actor?: ActorPermission;
  /**
   * The adapter serves one webhook delivery (the App, ADR 36): each commit's snapshot, and the
   * default branch's at the commit its first read found, is read once and kept for the adapter's life.
   */
  delivery?: boolean;
}

/**
 * `Repo` over GitHub's git data API: snapshots are one commit's tree, a step is one commit, and the
 * branch moves only by fast-forward (product.md §4). See docs/adr/0012-github-adapter.md.
 */
export class GitHubRepo implements Repo {
  private readonly git: GitContext;
  private defaultName: Promise<string> | undefined;
  /** Branch heads read ahead with another snapshot's first query (a hint's `then`), for work(). */
  private readonly ahead = new Map<string, PathRead | undefined>();
  /** One delivery's snapshots, by commit id and of the default branch (see `delivery`). */
  private readonly kept: Map<string, GitHubSnapshot> | undefined;

  constructor(options: GitHubRepoOptions) {
    const at = { owner: options.owner, repo: options.repo };
    const blobs = new BlobStore(options.client, at);
    this.git = {
      client: options.client,
      at,
      blobs,
      anchors: new AnchorCache(blobs),
      ...(options.actor && { actor: options.actor }),
    };
    if (options.defaultBranch) this.defaultName = Promise.resolve(options.defaultBranch);
    if (options.delivery) this.kept = new Map();
  }

  /** From the shell when it knows it, else one `GET /repos/{owner}/{repo}` for the adapter's life. */
  defaultBranch(): Promise<string> {
    this.defaultName ??= this.git.client
      .request<{ default_branch: string }>("GET /repos/{owner}/{repo}", { ...this.git.at })
      .then(({ data }) => data.default_branch);
    this.defaultName.catch(() => (this.defaultName = undefined));
    return this.defaultName;
  }

  /**
   * The files at a branch or commit, read lazily: the first read sends one GraphQL query for it and
   * the hinted paths; a list reads the recursive tree. A branch that does not exist gives an empty
   * snapshot.
   */
  async snapshot(ref: string, hint?: ReadHint): Promise<Snapshot> {
    const commit = /^[0-9a-f]{40}$/i.test(ref) ? ref.toLowerCase() : undefined;
    const key = this.kept && (commit ?? ((await this.knownDefault()) === ref ? `default:${ref}` : undefined));
    const kept = key && this.kept?.get(key);
    if (kept) {
      // Read already in this delivery: the hinted paths go out with the next read there, if any is still to come.
      if (hint) kept.hint(hint.paths);
      return kept;
    }
    const then = hint?.then && {
      ...hint.then,
      anchors: anchorsOf(hint.then.paths),
      put: (head: PathRead | undefined) => {
        this.ahead.set(hint.then!.branch, head);
        if (head) this.git.anchors.noteRead(head, logPathsOf(hint.then!.paths));
      },
    };
    // An anchored commit whose log the adapter knows already (ADR 19): reading it there sends nothing.
    const anchored = commit && this.git.anchors.logIn(commit);
    const snapshot = new GitHubSnapshot(this.git, {
      ref,
      commit,
      tree: ref,
      ...(hint && { prefetch: hint.paths }),
      ...(then && { then }),
      ...(anchored && { files: new Map([[anchored.path, anchored.file]]) }),
    });
    if (key) this.kept?.set(key, snapshot);
    return snapshot;
  }

  /** The default branch's name when the shell gave it or it was read already; never a request of its own. */
  private async knownDefault(): Promise<string | undefined> {
    return this.defaultName?.catch(() => undefined);
  }

  /**
   * The head of `branch` with its tree's id and the hinted files, in one GraphQL query; or the
   * default branch's head when the branch does not exist yet: the first write creates it there.
   */
  async work(branch: string, hint?: ReadHint): Promise<Snapshot> {
    const paths = hint?.paths ?? [];
    // Read ahead moments ago with the plan: as good as reading it now (a write is compare-and-swap).
    const early = this.ahead.has(branch);
    let head = early ? this.ahead.get(branch) : await readPaths(this.git, { branch }, paths, anchorsOf(paths));
    this.ahead.delete(branch);
    if (head && !early) this.git.anchors.noteRead(head, logPathsOf(paths));
    const missing = head === undefined;
    if (!head) {
      const fallback = await this.defaultBranch();
      // The anchors too: a milestone branch deleted after Phasegate wrote on it still has one (ADR 19).
      head = await readPaths(this.git, { branch: fallback }, paths, anchorsOf(paths));
      if (!head) throw new Error(`${this.git.at.owner}/${this.git.at.repo} has no ${fallback} branch`);
      this.git.anchors.noteRead(head, logPathsOf(paths));
    }
    return new GitHubSnapshot(this.git, {
      ref: branch,
      commit: head.commit,
      tree: head.commit,
      treeSha: head.tree,
      files: head.files,
      dirs: head.dirs,
      missing,
    });
  }

  /**
   * The step commit Phasegate last wrote the milestone's log in, kept outside the branch (ADR 19): as
   * read with the branch's head by the last `work()` (or moved by this adapter's write since), else
   * one read of the ref.
   */
  async logAnchor(milestoneId: string): Promise<string | undefined> {
    if (this.git.anchors.has(milestoneId)) return this.git.anchors.commit(milestoneId);
    return readLogAnchor(this.git, milestoneId);
  }

  /** One step as one commit, compare-and-swap on the branch head; `conflict` when it moved. */
  write(step: StepWrite): Promise<WriteResult> {
    return writeStep(this.git, step);
  }
}

/** The anchors to read with a branch whose hinted paths include milestone logs. */
function anchorsOf(paths: readonly string[]): { milestone: string; log: string }[] {
  return anchoredMilestones(paths).map(([milestone, log]) => ({ milestone, log }));
}

function logPathsOf(paths: readonly string[]): Map<string, string> {
  return new Map(anchoredMilestones(paths));
}
