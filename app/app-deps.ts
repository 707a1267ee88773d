import type { Octokit } from "@octokit/core";
import type { CiSignal, Clock, Forge, Repo, Tracker } from "../core/index.js";
import type { ContinuationQueue } from "./continuation-queue.js";

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
  /** The user the delivery acts for: the adapter may read their permission along with its first query. */
  actor?: string;
  /** The ports serve this one delivery: what it read once it does not read again (ADR 36). */
  delivery?: boolean;
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
  /**
   * The deployment's durable queue (BullMQ on `REDIS_URL`): a sync that stops at its budget continues
   * there instead of through a `repository_dispatch` write (ADR 21). Without it, the dispatch.
   */
  continuations?: ContinuationQueue;
}

/** The real clock: production waits for real. */
export const systemClock: Clock = {
  now: () => new Date(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** The sync budget of one delivery (docs/adr/0013-long-syncs-continue-through-repository-dispatch.md). */
export const DEFAULT_SYNC_BUDGET_MS = 7_000;

/** A queued continuation after a sync that wrote nothing (it waited out a limit) runs this much later. */
export const IDLE_CONTINUATION_DELAY_MS = 60_000;

/** No wait inside the adapter may end later than this after a delivery starts (GitHub waits 10 s). */
export const DELIVERY_DEADLINE_MS = 9_000;
