import { getOctokit } from "@actions/github";
import type { Context } from "../core/index.js";
import { createGitHubPorts } from "../github/index.js";
import { SystemClock } from "../local/system-clock.js";
import { InputError } from "./input-error.js";
import { readEventPayload } from "./read-event-payload.js";
import type { PullHeadLookup } from "./fork-guard.js";
import type { RunEnvironment } from "./run-environment.js";
import { actionsLogger } from "./actions-logger.js";

/** The core's ports over GitHub's REST API ("API mode"), and what the shell needs besides. */
export interface ApiContext extends Context {
  tracker: NonNullable<Context["tracker"]>;
  owner: string;
  name: string;
  /** The event's payload (`{}` when the runner gave none). */
  payload: Record<string, any>;
  /** The job's Octokit, for what the ports do not cover (a pull request's head repository). */
  octokit: ReturnType<typeof getOctokit>;
  /** Requests made so far (the adapter counts them). */
  stats: () => { reads: number; writes: number };
  /** Where a pull request's head lives (`owner/repo`), for the fork guard. */
  pullHead: PullHeadLookup;
}

/**
 * Octokit from `@actions/github` with the job's token, against GITHUB_API_URL (GHES too), and the
 * GitHub adapters over it. Requests go through the global `fetch` (tests put a fake GitHub there)
 * unless the runner sets a proxy, which only `@actions/github`'s own fetch honours.
 */
export async function openApiContext(token: string, run: RunEnvironment, command: string): Promise<ApiContext> {
  if (token === "") {
    throw new InputError(
      `input "token" is empty: ${command} works through GitHub's API (leave it unset for the job's GITHUB_TOKEN)`,
    );
  }
  const [owner, name] = (run.repository ?? "").split("/");
  if (!owner || !name) throw new InputError(`${command} needs GITHUB_REPOSITORY (owner/repo): run it in a workflow`);
  const proxied = Boolean(process.env.HTTPS_PROXY || process.env.https_proxy || process.env.HTTP_PROXY);
  const octokit = getOctokit(token, {
    baseUrl: run.apiUrl,
    ...(!proxied && { request: { fetch: (...args: Parameters<typeof fetch>) => globalThis.fetch(...args) } }),
  });
  const payload = await readEventPayload(run.eventPath);
  const defaultBranch =
    typeof payload.repository?.default_branch === "string" ? payload.repository.default_branch : undefined;
  const clock = new SystemClock();
  const ports = createGitHubPorts({ octokit, owner, repo: name, clock, ...(defaultBranch && { defaultBranch }) });
  return {
    repo: ports.repo,
    tracker: ports.tracker,
    forge: ports.forge,
    ci: ports.ci,
    clock,
    logger: actionsLogger,
    actor: run.actor,
    sessionId: run.sessionId,
    owner,
    name,
    payload,
    octokit,
    stats: () => ports.stats,
    pullHead: async (pull_number) => {
      const { data } = await octokit.rest.pulls.get({ owner, repo: name, pull_number });
      return data.head.repo?.full_name;
    },
  };
}
