import type { Context as ProbotContext } from "probot";
import type { Context, Logger } from "../core/index.js";
import { deadlineClock } from "./deadline-clock.js";
import { DEFAULT_SYNC_BUDGET_MS, DELIVERY_DEADLINE_MS, type AppDeps, type GitHubPorts } from "./app-deps.js";
import { DEFAULT_SETTINGS, type RepositorySettings } from "./repository-settings.js";

/** One webhook delivery, opened: the core's context over GitHub, and the repository's settings. */
export interface Delivery {
  ctx: Context & { tracker: GitHubPorts["tracker"] };
  ports: GitHubPorts;
  /** The installation's Octokit, for what the ports do not cover (sending a repository dispatch). */
  octokit: ProbotContext["octokit"];
  owner: string;
  repo: string;
  /** The repository's settings: defaults until `applySettings` read `.github/phasegate.yml`. */
  settings: RepositorySettings;
  settingsRead: boolean;
  /** Probot's `context.config("phasegate.yml")`, for a settings file that `_extends` another. */
  readConfig: () => Promise<unknown>;
  /** The delivery's sync budget in ms. */
  syncBudgetMs: number;
  /** The milestone of the issue the webhook is about, as its payload shows it (GitHub's JSON). */
  payloadMilestone?: Record<string, unknown> | null;
  /** `https://github.com/owner/repo`, for links in issue bodies. */
  repositoryUrl: string | undefined;
}

interface RepositoryPayload {
  repository?: { name: string; owner: { login: string }; default_branch?: string; html_url?: string };
}

/**
 * Build the core's context from Probot's (the installation's Octokit, through the GitHub adapter)
 * acting as `actor`. The settings are read with the plan (app/apply-settings.ts), not here.
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
    tracker: ports.tracker,
    clock: deps.clock,
    logger: toLogger(context.log),
    sessionId: `app-${context.id}`,
    actor,
    ...(deps.random && { random: deps.random }),
  };
  return {
    ctx,
    ports,
    octokit: context.octokit,
    owner,
    repo,
    settings: DEFAULT_SETTINGS,
    settingsRead: false,
    readConfig: () => context.config("phasegate.yml"),
    syncBudgetMs: deps.syncBudgetMs ?? DEFAULT_SYNC_BUDGET_MS,
    repositoryUrl: payload.repository?.html_url,
  };
}

function toLogger(log: ProbotContext["log"]): Logger {
  return {
    debug: (m) => log.debug(m),
    info: (m) => log.info(m),
    warn: (m) => log.warn(m),
  };
}
