import type { Context as ProbotContext } from "probot";
import type { Context, Logger, MilestoneHandle } from "../core/index.js";
import type { ContinuationQueue } from "./continuation-queue.js";
import { deadlineClock } from "./deadline-clock.js";
import { DEFAULT_SYNC_BUDGET_MS, DELIVERY_DEADLINE_MS, type AppDeps, type GitHubPorts } from "./app-deps.js";

/** One webhook delivery, opened: the core's context over GitHub. */
export interface Delivery {
  ctx: Context & { tracker: GitHubPorts["tracker"] };
  ports: GitHubPorts;
  owner: string;
  repo: string;
  /** The delivery's sync budget in ms. */
  syncBudgetMs: number;
  /** The milestone of the issue the webhook is about, as its payload shows it (GitHub's JSON). */
  payloadMilestone?: Record<string, unknown> | null;
  /** The installation, which a queued continuation needs to act again (ADR 21). */
  installationId?: number;
  defaultBranch?: string;
  /** The deployment's continuation queue, when it has one; else a sync continues by dispatch. */
  continuations?: ContinuationQueue;
  /** 0 for a webhook, n for the n-th queued continuation after it. */
  round: number;
  /**
   * Milestones this delivery has open for the merge gate, as last read or written here (ADR 36):
   * judging several pull requests reads each log once, and not at all after this delivery wrote it.
   */
  milestones: Map<string, MilestoneHandle>;
}

interface RepositoryPayload {
  repository?: { name: string; owner: { login: string }; default_branch?: string };
  installation?: { id?: number };
}

/** Where a delivery acts, and as whom: a webhook's context, or a continuation taken from the queue. */
export interface DeliverySource {
  octokit: ProbotContext["octokit"];
  owner: string;
  repo: string;
  defaultBranch?: string | undefined;
  installationId?: number | undefined;
  log: ProbotContext["log"];
  /** Names the delivery's session (`app-<id>`). */
  id: string;
  /** `.github/phasegate.yml` through Probot's config plugin (follows `_extends`). */
  extendSettings: () => Promise<unknown>;
  round?: number;
}

/**
 * Build the core's context from Probot's (the installation's Octokit, through the GitHub adapter)
 * acting as `actor`. The core reads `.github/phasegate.yml` with the plan; a file with `_extends` is
 * followed through Probot's `context.config` (possibly the organisation's `.github` repository).
 */
export async function openDelivery(context: ProbotContext, deps: AppDeps, actor: string): Promise<Delivery> {
  const payload = context.payload as RepositoryPayload;
  const { owner, repo } = context.repo();
  return openDeliveryAt(
    {
      octokit: context.octokit,
      owner,
      repo,
      defaultBranch: payload.repository?.default_branch,
      installationId: payload.installation?.id,
      log: context.log,
      id: context.id,
      extendSettings: () => context.config("phasegate.yml"),
    },
    deps,
    actor,
  );
}

/** A delivery over `source`: the adapter's ports with the delivery's deadline, the core's context. */
export function openDeliveryAt(source: DeliverySource, deps: AppDeps, actor: string): Delivery {
  const { octokit, owner, repo, defaultBranch } = source;
  const ports = deps.createPorts({
    octokit,
    owner,
    repo,
    // Waits inside the adapter (pacing, retry-after) must not hold the answer past GitHub's 10 s.
    clock: deadlineClock(deps.clock, DELIVERY_DEADLINE_MS),
    ...(defaultBranch && { defaultBranch }),
    // A person's permission is read with the delivery's first query (ADR 30); a bot's is never asked.
    ...(!actor.endsWith("[bot]") && { actor }),
    // Nothing read here outlives the delivery: a later push is the next delivery's, read afresh (ADR 36).
    delivery: true,
  });
  const ctx = {
    repo: ports.repo,
    forge: ports.forge,
    ci: ports.ci,
    tracker: ports.tracker,
    clock: deps.clock,
    logger: toLogger(source.log),
    sessionId: `app-${source.id}`,
    actor,
    extendSettings: source.extendSettings,
    ...(deps.random && { random: deps.random }),
  };
  return {
    ctx,
    ports,
    owner,
    repo,
    syncBudgetMs: deps.syncBudgetMs ?? DEFAULT_SYNC_BUDGET_MS,
    ...(source.installationId !== undefined && { installationId: source.installationId }),
    ...(defaultBranch && { defaultBranch }),
    ...(deps.continuations && { continuations: deps.continuations }),
    round: source.round ?? 0,
    milestones: new Map(),
  };
}

function toLogger(log: ProbotContext["log"]): Logger {
  return {
    debug: (m) => log.debug(m),
    info: (m) => log.info(m),
    warn: (m) => log.warn(m),
  };
}
