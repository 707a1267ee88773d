import { GitHubError } from "./github-error.js";
import type { GitContext } from "./github-snapshot.js";

const LOG = /^\.milestones\/logs\/([^/]+)\.jsonl$/;

/** The ref that anchors a milestone's log outside its branch (ADR 19). */
export function anchorRef(milestoneId: string): string {
  return `phasegate/anchors/${milestoneId}`;
}

/** The milestones (with their log's path) whose log a step's changed paths append to or rewrite. */
export function anchoredMilestones(paths: Iterable<string>): [string, string][] {
  return [...paths].flatMap((path): [string, string][] => {
    const id = LOG.exec(path)?.[1];
    return id === undefined ? [] : [[id, path]];
  });
}

/**
 * Points `refs/phasegate/anchors/<milestone>` at the step commit that just became the branch's head:
 * one write per step (its first creates the ref). Never forced, so the anchor only moves along the
 * history Phasegate wrote: when two writers race, the later commit wins and the other's update is
 * refused as not a fast-forward, which is right (its commit is an ancestor). A failure leaves the
 * anchor behind, which weakens `verify --against github` but never makes it refuse an honest log;
 * the step itself has landed already, so it is not failed for it. `fresh`: the step created the
 * branch or the log, so the anchor is most likely missing too. True when the anchor points at `commit`.
 */
export async function recordLogAnchor(
  git: GitContext,
  milestoneId: string,
  commit: string,
  fresh: boolean,
): Promise<boolean> {
  const ref = anchorRef(milestoneId);
  const update = () =>
    git.client.request(
      "PATCH /repos/{owner}/{repo}/git/refs/{ref}",
      { ...git.at, ref, sha: commit, force: false },
      { idempotent: true },
    );
  const create = () =>
    git.client.request("POST /repos/{owner}/{repo}/git/refs", { ...git.at, ref: `refs/${ref}`, sha: commit });
  // A new branch has no anchor yet: create first; otherwise update first. The other is the fallback.
  const [first, second, missing] = fresh ? [create, update, "already exists"] : [update, create, "does not exist"];
  try {
    await first();
    return true;
  } catch (error) {
    if (!(error instanceof GitHubError) || error.status !== 422 || !error.says(missing)) return false;
    return second().then(
      () => true,
      () => false,
    );
  }
}

/** The commit the anchor points at, or undefined when there is none. */
export async function readLogAnchor(git: GitContext, milestoneId: string): Promise<string | undefined> {
  try {
    const { data } = await git.client.request<{ object: { sha: string; type?: string } }>(
      "GET /repos/{owner}/{repo}/git/ref/{ref}",
      { ...git.at, ref: anchorRef(milestoneId) },
    );
    return data.object.sha;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}
