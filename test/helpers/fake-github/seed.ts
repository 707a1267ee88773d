/** Seeding and reading back state directly, as another writer or an observer would, without requests. */
import type { Ctx } from "./context.js";
import { buildTree, flattenTree, lookupPath, writeBlob, writeCommit, type Signature } from "./git-objects.js";
import { findCommit, getObject } from "./git-resolve.js";
import { ensureUser, iso, nextId, repoKey, type RepoState, type World } from "./state.js";

export const DEFAULT_URLS = { api: "https://api.github.com", html: "https://github.com" };

/** A handler context for seeding (no request behind it). */
export function seedCtx(world: World, owner: string, repo: string, actor: string): Ctx {
  return {
    world,
    operation: "seed",
    params: { owner, repo },
    query: new URLSearchParams(),
    body: {},
    actor: ensureUser(world, actor),
    urls: DEFAULT_URLS,
    url: new URL(`${DEFAULT_URLS.api}/repos/${owner}/${repo}`),
  };
}

export function getRepoState(world: World, owner: string, repo: string): RepoState {
  const state = world.repos.get(repoKey(owner, repo));
  if (!state) throw new Error(`fake GitHub: no repository ${owner}/${repo}`);
  return state;
}

export function createRepoState(world: World, owner: string, name: string, defaultBranch: string, priv: boolean) {
  if (world.repos.has(repoKey(owner, name))) throw new Error(`fake GitHub: ${owner}/${name} exists`);
  ensureUser(world, owner);
  const repo: RepoState = {
    id: nextId(world),
    owner,
    name,
    private: priv,
    defaultBranch,
    objects: new Map(),
    refs: new Map(),
    issues: new Map(),
    nextNumber: 1,
    labels: new Map(),
    milestones: new Map(),
    nextMilestone: 1,
    comments: new Map(),
    reactions: [],
    checkRuns: new Map(),
    statuses: [],
    permissions: new Map(),
  };
  world.repos.set(repoKey(owner, name), repo);
  return repo;
}

/** A file to commit: its text, null to delete it, or a symlink (mode 120000) to `symlink`. */
export type CommitFile = string | null | { symlink: string };

/**
 * Commits `files` (null deletes) on top of `branch` (created from the default branch, or as a root
 * commit in an empty repository) and moves the branch. Returns the new commit's sha.
 */
export function commitFilesTo(
  world: World,
  repo: RepoState,
  branch: string,
  files: Record<string, CommitFile>,
  message: string,
  author: { name: string; email: string } = { name: "Test Dev", email: "dev@example.test" },
): string {
  const parent = findCommit(repo, `refs/heads/${branch}`) ?? findCommit(repo, `refs/heads/${repo.defaultBranch}`);
  const flat = parent ? flattenTree(repo.objects, parent.tree) : new Map();
  for (const [path, text] of Object.entries(files)) {
    if (text === null) flat.delete(path);
    else if (typeof text !== "string")
      flat.set(path, { mode: "120000", type: "blob", sha: writeBlob(repo.objects, Buffer.from(text.symlink, "utf8")) });
    else flat.set(path, { mode: "100644", type: "blob", sha: writeBlob(repo.objects, Buffer.from(text, "utf8")) });
  }
  const who: Signature = { ...author, date: iso(world) };
  const sha = writeCommit(repo.objects, {
    tree: buildTree(repo.objects, flat),
    parents: parent ? [parent.sha] : [],
    message,
    author: who,
    committer: who,
  });
  repo.refs.set(`refs/heads/${branch}`, sha);
  return sha;
}

export function readFileAt(repo: RepoState, ref: string, path: string): string | undefined {
  const commit = findCommit(repo, ref);
  const entry = commit && lookupPath(repo.objects, commit.tree, path);
  return entry?.type === "blob" ? getObject(repo.objects, entry.sha, "blob").content.toString("utf8") : undefined;
}
