import type { PullRequestFacts } from "../core/index.js";

/** The pull request of a webhook payload, as the core's verdict (judgePullRequest) reads it. */
export function pullRequestFacts(pull: {
  number: number;
  body: string | null;
  user?: { login: string } | null;
  base: { ref: string };
  head: { sha: string };
}): PullRequestFacts {
  return {
    number: pull.number,
    body: pull.body,
    author: pull.user?.login ?? "",
    base: pull.base.ref,
    sha: pull.head.sha,
  };
}
