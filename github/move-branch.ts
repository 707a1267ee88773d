import { GitHubError } from "./github-error.js";
import type { GitContext } from "./github-snapshot.js";
import { isRecentAncestor, readBranchHead } from "./read-branch-head.js";

type Ref = { object: { sha: string } };

/**
 * Moves `branch` from `from` to `to` without force, or creates it at `to`: the compare-and-swap of a
 * step (https://docs.github.com/rest/git/refs#update-a-reference). GitHub refuses a move that is not
 * a fast-forward (422), so two writers from one base cannot both win. A lost response is settled by
 * re-reading the ref: ours → it landed; still `from` → send again; anything else → conflict.
 */
export async function moveBranch(
  git: GitContext,
  input: { branch: string; from: string; to: string; create: boolean },
): Promise<"ok" | "conflict"> {
  const { branch, from, to } = input;
  const recover = async (): Promise<Ref | undefined> => {
    const head = await readBranchHead(git, branch);
    if (head === undefined) return input.create ? undefined : { object: { sha: "" } };
    if (head === from && !input.create) return undefined;
    return { object: { sha: head === to || (await isRecentAncestor(git, head, to, from)) ? to : head } };
  };
  try {
    const { data } = input.create
      ? await git.client.request<Ref>(
          "POST /repos/{owner}/{repo}/git/refs",
          { ...git.at, ref: `refs/heads/${branch}`, sha: to },
          { recover },
        )
      : await git.client.request<Ref>(
          "PATCH /repos/{owner}/{repo}/git/refs/{ref}",
          { ...git.at, ref: `heads/${branch}`, sha: to, force: false },
          { recover },
        );
    return data.object.sha === to ? "ok" : "conflict";
  } catch (error) {
    if (!(error instanceof GitHubError) || error.status !== 422) throw error;
    // The branch was deleted under us: create it (still without force).
    if (!input.create && error.says("does not exist")) return moveBranch(git, { ...input, create: true });
    // "not a fast forward" / "already exists": someone else wrote first, unless a resent request of ours did.
    const head = await readBranchHead(git, branch);
    return head === to ? "ok" : "conflict";
  }
}
