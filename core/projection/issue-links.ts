/**
 * How renderers link to things on GitHub without asking it: the caller (the sync) knows which
 * issue carries which task from the markers it listed, and the repository's URL.
 */
export interface IssueLinks {
  /** Number of the issue that carries task `taskId`, when one exists yet. */
  issueNumberOf(taskId: string): number | undefined;
  /** `https://github.com/owner/repo`; without it files are named, not linked. */
  repositoryUrl?: string;
  /** Number of the milestone's dashboard issue, when it exists. */
  dashboard?: number;
}

/** Links for a first sync, before any issue exists. */
export const NO_LINKS: IssueLinks = { issueNumberOf: () => undefined };

/** `#12` when the task has an issue (GitHub links and previews it), else the task id as code. */
export function issueRef(links: IssueLinks, taskId: string): string {
  const number = links.issueNumberOf(taskId);
  return number === undefined ? `\`${taskId}\`` : `#${number}`;
}

/** Link to `path` on `branch` (`blob` for a file, `tree` for a folder), each segment URL-encoded. */
export function repoUrl(
  links: IssueLinks,
  branch: string,
  path: string,
  kind: "blob" | "tree" = "blob",
): string | undefined {
  if (!links.repositoryUrl) return undefined;
  const encode = (p: string) => p.split("/").map(encodeURIComponent).join("/");
  return `${links.repositoryUrl.replace(/\/+$/, "")}/${kind}/${encode(branch)}/${encode(path)}`;
}

/**
 * `https://github.com/owner/repo` from a GitHub milestone's page (`…/owner/repo/milestone/3`), or
 * undefined. Links come from what GitHub itself returns, so every shell renders the same URL,
 * with the repository's own spelling and host (GitHub Enterprise Server too).
 */
export function repositoryUrlOf(milestoneUrl: string | undefined): string | undefined {
  const match = /^(https?:\/\/[^?#]+?)\/milestones?\/\d+\/?$/.exec(milestoneUrl ?? "");
  return match?.[1];
}
