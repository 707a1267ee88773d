import { debug, info, warning } from "@actions/core";
import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { Context, Logger } from "../core/index.js";
import { LocalForge } from "../local/local-forge.js";
import { LocalTestRunner } from "../local/local-test-runner.js";
import { LocalRepo } from "../local/local-repo.js";
import { GitDirWitness } from "../local/log-witness.js";
import { BUILD_ID, GitDirPlanCache } from "../local/plan-cache.js";
import { SystemClock } from "../local/system-clock.js";
import { InputError } from "./inputs.js";
import type { RunEnvironment } from "./run-environment.js";

export type WorkspaceContext = Context & { repo: LocalRepo };

/**
 * The core's ports over the workflow's checkout ("workspace mode"): the same local adapters as the
 * CLI (ADR 7), no GitHub API. The actor and session come from the run, not from git's config.
 */
export async function openWorkspaceContext(workdir: string, run: RunEnvironment): Promise<WorkspaceContext> {
  if (!(await stat(workdir).catch(() => undefined))?.isDirectory()) {
    throw new InputError(`input "working-directory": ${workdir} is not a folder (is the repository checked out?)`);
  }
  const repo = await LocalRepo.open(workdir);
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

/**
 * `working-directory` resolved against the workspace, refused when it (or a symlink on the way)
 * leads outside it: every path the action reads or writes is then inside the checkout.
 */
export async function resolveWorkdir(workspace: string, input: string): Promise<string> {
  const workdir = resolve(workspace, input);
  const [root, real] = await Promise.all([
    realpath(workspace).catch(() => workspace),
    realpath(workdir).catch(() => workdir),
  ]);
  const rel = relative(root, real);
  // `..` as the first segment leaves the workspace; `..legit` is a folder inside it.
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(`input "working-directory": ${input} is outside the workspace (${workspace})`);
  }
  return workdir;
}

/** The core's diagnostics in the job log: debug lines show with `ACTIONS_STEP_DEBUG`. */
export const actionsLogger: Logger = {
  debug: (message) => debug(message),
  info: (message) => info(message),
  warn: (message) => warning(message),
};
