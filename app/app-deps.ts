import type { Octokit } from "@octokit/core";
import type { CiSignal, Clock, Forge, Repo, Tracker } from "../core/index.js";

/** What the GitHub adapter builds for one repository (see github/: `createGitHubPorts`). */
export interface GitHubPorts {
  repo: Repo;
  tracker: Tracker;
  forge: Forge;
  ci: CiSignal;
  /** Request counters (reads, writes, retries), logged once per delivery. */
  stats?: object;
}

/** The adapter's factory, over the Octokit Probot hands each delivery (an installation token). */
export type CreatePorts = (options: {
  octokit: Pick<Octokit, "request">;
  owner: string;
  repo: string;
  clock: Clock;
  defaultBranch?: string;
}) => GitHubPorts;

/**
 * Everything the App takes from outside: the adapter factory, time, and the budget of one delivery.
 * Production wiring is `app/index.ts`; tests pass a virtual clock.
 */
export interface AppDeps {
  createPorts: CreatePorts;
  clock: Clock;
  /** Random numbers in [0, 1) for retry jitter (tests pass a constant). */
  random?: () => number;
  /**
   * How long one delivery may spend syncing before it stops and continues in a `repository_dispatch`
   * of its own. GitHub waits 10 s for an answer; the default, 7 s, leaves room for the rest.
   */
  syncBudgetMs?: number;
}

/** The real clock: production waits for real. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The sync budget of one delivery (docs/adr/0013-long-syncs-continue-through-repository-dispatch.md). */
export const DEFAULT_SYNC_BUDGET_MS = 7_000;

/** No wait inside the adapter may end later than this after a delivery starts (GitHub waits 10 s). */
export const DELIVERY_DEADLINE_MS = 9_000;
