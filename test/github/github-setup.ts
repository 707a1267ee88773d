import { Octokit } from "@octokit/rest";
import type { Clock } from "../../core/index.js";
import { GitHubClient, type GitHubClientOptions } from "../../github/github-client.js";
import { GitHubRepo } from "../../github/github-repo.js";
import { createFakeGitHub, type FakeGitHubOptions } from "../helpers/fake-github/index.js";

export const OWNER = "acme";
export const NAME = "rocket";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A fake GitHub with one repository, an Octokit on it, and a clock whose sleep advances the fake's. */
export function setupGitHub(files: Record<string, string> = {}, options: FakeGitHubOptions = {}) {
  const gh = createFakeGitHub(options);
  gh.createRepo({ owner: OWNER, repo: NAME, files });
  const clock: Clock = {
    now: () => new Date(gh.now()),
    sleep: async (ms) => void gh.advance(ms),
  };
  const octokit = () => new Octokit({ auth: "x", log: quiet, request: { fetch: gh.fetch } });
  const client = (extra: Partial<GitHubClientOptions> = {}) =>
    new GitHubClient({ octokit: octokit(), clock, random: () => 0.5, ...extra });
  const repo = (c = client(), defaultBranch?: string) =>
    new GitHubRepo({ client: c, owner: OWNER, repo: NAME, ...(defaultBranch && { defaultBranch }) });
  return { gh, clock, octokit, client, repo };
}

/** Appends `text` to `path` on `branch` the way MilestoneHandle does: work → write → on conflict re-read. */
export async function appendWithRetry(repo: GitHubRepo, branch: string, path: string, text: string): Promise<number> {
  for (let attempt = 1; attempt <= 50; attempt++) {
    const work = await repo.work(branch);
    const result = await repo.write({ branch, base: work, changes: [{ kind: "append", path, text }], message: text });
    if (result.ok) return attempt;
  }
  throw new Error("append kept conflicting");
}
