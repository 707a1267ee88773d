import type { GitContext } from "./github-snapshot.js";

/**
 * The commit a branch points at, or undefined when it does not exist
 * (https://docs.github.com/rest/git/refs#get-a-reference).
 */
export async function readBranchHead(git: GitContext, branch: string): Promise<string | undefined> {
  try {
    const { data } = await git.client.request<{ object: { sha: string } }>("GET /repos/{owner}/{repo}/git/ref/{ref}", {
      ...git.at,
      ref: `heads/${branch}`,
    });
    return data.object.sha;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** The parents of a commit (https://docs.github.com/rest/git/commits#get-a-commit-object). */
export async function readParents(git: GitContext, commit: string): Promise<string[]> {
  const { data } = await git.client.request<{ parents: { sha: string }[] }>(
    "GET /repos/{owner}/{repo}/git/commits/{commit_sha}",
    { ...git.at, commit_sha: commit },
  );
  return data.parents.map((p) => p.sha);
}

/**
 * Whether `commit` is in the last few commits of the branch at `head`, walking first parents back
 * until `stop` (the base the write was built on). Used only after a lost ref update, so it is short.
 */
export async function isRecentAncestor(
  git: GitContext,
  head: string,
  commit: string,
  stop: string,
  depth = 10,
): Promise<boolean> {
  for (let at: string | undefined = head, i = 0; at && i < depth; i++) {
    if (at === commit) return true;
    if (at === stop) return false;
    at = (await readParents(git, at))[0];
  }
  return false;
}
