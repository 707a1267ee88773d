/** Resolving names to objects and rendering git objects as the REST API does. */
import { FakeHttpError, notFound, type Urls } from "./context.js";
import type { GitObject, ObjectStore, Signature } from "./git-objects.js";
import { nodeId, repoUrl } from "./serialize.js";
import type { RepoState } from "./state.js";

type CommitObject = Extract<GitObject, { type: "commit" }>;

/** The full ref name a branch, tag or `heads/x` name stands for, if it exists. */
export function findRef(repo: RepoState, name: string): string | undefined {
  const candidates = name.startsWith("refs/") ? [name] : [`refs/${name}`, `refs/heads/${name}`, `refs/tags/${name}`];
  return candidates.find((c) => repo.refs.has(c));
}

/** A commit sha, a full or short ref, or a branch/tag name → the commit, or undefined. */
export function findCommit(repo: RepoState, ref: string): CommitObject | undefined {
  const full = findRef(repo, ref);
  const sha = full ? repo.refs.get(full)! : ref.toLowerCase();
  const obj = /^[0-9a-f]{40}$/.test(sha) ? repo.objects.get(sha) : undefined;
  return obj?.type === "commit" ? obj : undefined;
}

export function getCommit(repo: RepoState, ref: string): CommitObject {
  const commit = findCommit(repo, ref);
  if (!commit) throw new FakeHttpError(422, `No commit found for SHA: ${ref}`);
  return commit;
}

export function getObject<T extends GitObject["type"]>(
  store: ObjectStore,
  sha: string,
  type: T,
): Extract<GitObject, { type: T }> {
  const obj = store.get(sha.toLowerCase());
  if (obj?.type !== type) throw notFound();
  return obj as Extract<GitObject, { type: T }>;
}

export function signatureJson(s: Signature): Signature {
  return { name: s.name, email: s.email, date: s.date };
}

export function gitCommitJson(u: Urls, repo: RepoState, c: CommitObject): Record<string, unknown> {
  const base = repoUrl(u, repo);
  return {
    sha: c.sha,
    node_id: nodeId("C", parseInt(c.sha.slice(0, 8), 16)),
    url: `${base}/git/commits/${c.sha}`,
    html_url: `${u.html}/${repo.owner}/${repo.name}/commit/${c.sha}`,
    author: signatureJson(c.author),
    committer: signatureJson(c.committer),
    message: c.message,
    tree: { sha: c.tree, url: `${base}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({
      sha: p,
      url: `${base}/git/commits/${p}`,
      html_url: `${u.html}/${repo.owner}/${repo.name}/commit/${p}`,
    })),
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

export function refJson(u: Urls, repo: RepoState, ref: string): Record<string, unknown> {
  const sha = repo.refs.get(ref)!;
  return {
    ref,
    node_id: nodeId("REF", ref.length),
    url: `${repoUrl(u, repo)}/git/${ref}`,
    object: { sha, type: "commit", url: `${repoUrl(u, repo)}/git/commits/${sha}` },
  };
}
