/**
 * The GitHub adapters: Repo, Tracker, Forge and the CI signal (branch checks) over GitHub's REST API, with an Octokit handed in
 * (`@octokit/rest`'s, `@actions/github`'s, or Probot's `context.octokit`). Imports only core/.
 */
import type { Clock } from "../core/index.js";
import { ActorPermission } from "./actor-permission.js";
import { GitHubClient, type ClientStats, type GitHubClientOptions, type OctokitLike } from "./github-client.js";
import { GitHubChecks } from "./github-checks.js";
import { GitHubForge } from "./github-forge.js";
import { GitHubRepo } from "./github-repo.js";
import { GitHubTracker } from "./github-tracker.js";

export interface GitHubPortsOptions {
  octokit: OctokitLike;
  owner: string;
  repo: string;
  clock: Clock;
  /** The default branch when the shell knows it (webhook payload, Actions context). */
  defaultBranch?: string;
  /** Client tuning: jitter source, attempts, longest wait, pacing. */
  client?: Omit<GitHubClientOptions, "octokit" | "clock">;
  /**
   * The user the shell acts for (a webhook's sender): the repository's first GraphQL query reads
   * their permission too, so the forge does not ask for it again (ADR 30).
   */
  actor?: string;
  /**
   * The ports serve one webhook delivery (the App): a commit's files and the default branch's are
   * read once and kept until the delivery ends; the next delivery reads them again (ADR 36).
   */
  delivery?: boolean;
}

export interface GitHubPorts {
  repo: GitHubRepo;
  tracker: GitHubTracker;
  forge: GitHubForge;
  ci: GitHubChecks;
  /** Requests made so far (reads, writes, 304s, retries, time waited), shared by the four ports. */
  stats: ClientStats;
  client: GitHubClient;
}

/** The four ports for one repository, sharing one client (one pacer, one ETag cache, one count). */
export function createGitHubPorts(options: GitHubPortsOptions): GitHubPorts {
  const client = new GitHubClient({ ...options.client, octokit: options.octokit, clock: options.clock });
  const at = { client, owner: options.owner, repo: options.repo };
  const actor = options.actor ? { actor: new ActorPermission(options.actor) } : {};
  return {
    repo: new GitHubRepo({
      ...at,
      ...actor,
      ...(options.defaultBranch && { defaultBranch: options.defaultBranch }),
      ...(options.delivery && { delivery: true }),
    }),
    tracker: new GitHubTracker({ ...at, clock: options.clock }),
    forge: new GitHubForge({ ...at, ...actor }),
    ci: new GitHubChecks(at),
    stats: client.stats,
    client,
  };
}

export { GitHubClient, GitHubError } from "./github-client.js";
export type { ClientStats, GitHubClientOptions, OctokitLike } from "./github-client.js";
export { GitHubRepo } from "./github-repo.js";
export { GitHubTracker } from "./github-tracker.js";
export { GitHubForge } from "./github-forge.js";
export { GitHubChecks } from "./github-checks.js";
export { readAppEnv } from "./read-app-env.js";
export { diagnoseApp, type SetupCheck } from "./diagnose-app.js";
export { findUnreachable, renderUnreachable } from "./find-unreachable.js";
