import type { Context } from "../core/index.js";
import { LocalForge } from "../local/local-forge.js";
import { LocalTestRunner } from "../local/local-test-runner.js";
import type { LocalRepo } from "../local/local-repo.js";
import { GitDirWitness } from "../local/log-witness.js";
import { BUILD_ID, GitDirPlanCache } from "../local/plan-cache.js";
import { SystemClock } from "../local/system-clock.js";
import { actionsLogger } from "./actions-logger.js";
import type { RunEnvironment } from "./run-environment.js";
import { openWorkspaceRepo } from "./workspace-repo.js";

export type WorkspaceContext = Context & { repo: LocalRepo };

/**
 * The core's ports over the workflow's checkout ("workspace mode"): the same local adapters as the
 * CLI (ADR 7), no GitHub API. The actor and session come from the run, not from git's config.
 */
export async function openWorkspaceContext(workdir: string, run: RunEnvironment): Promise<WorkspaceContext> {
  const repo = await openWorkspaceRepo(workdir);
  return {
    repo,
    workTree: repo,
    witness: new GitDirWitness(repo.root),
    ...(BUILD_ID && { planCache: new GitDirPlanCache(repo.root, BUILD_ID) }),
    forge: new LocalForge({ root: repo.root }),
    ci: new LocalTestRunner({ root: repo.root }),
    clock: new SystemClock(),
    logger: actionsLogger,
    actor: run.actor,
    sessionId: run.sessionId,
  };
}
