import type { Context as ProbotContext } from "probot";
import type { Context, Logger } from "../core/index.js";
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
}

interface RepositoryPayload {
  repository?: { name: string; owner: { login: string }; default_branch?: string };
}

/**
 * Build the core's context from Probot's (the installation's Octokit, through the GitHub adapter)
 * acting as `actor`. The core reads `.github/phasegate.yml` with the plan; a file with `_extends` is
 * followed through Probot's `context.config` (possibly the organisation's `.github` repository).
 */
export async function openDelivery(context: ProbotContext, deps: AppDeps, actor: string): Promise<Delivery> {
  const payload = context.payload as RepositoryPayload;
  const { owner, repo } = context.repo();
  const ports = deps.createPorts({
    octokit: context.octokit,
    owner,
    repo,
    // Waits inside the adapter (pacing, retry-after) must not hold the answer past GitHub's 10 s.
    clock: deadlineClock(deps.clock, DELIVERY_DEADLINE_MS),
    ...(payload.repository?.default_branch && { defaultBranch: payload.repository.default_branch }),
  });
  const ctx = {
    repo: ports.repo,
    forge: ports.forge,
    ci: ports.ci,
    tracker: ports.tracker,
    clock: deps.clock,
    logger: toLogger(context.log),
    sessionId: `app-${context.id}`,
    actor,
    extendSettings: () => context.config("phasegate.yml"),
    ...(deps.random && { random: deps.random }),
  };
  return {
    ctx,
    ports,
    owner,
    repo,
    syncBudgetMs: deps.syncBudgetMs ?? DEFAULT_SYNC_BUDGET_MS,
  };
}

function toLogger(log: ProbotContext["log"]): Logger {
  return {
    debug: (m) => log.debug(m),
    info: (m) => log.info(m),
    warn: (m) => log.warn(m),
  };
}
