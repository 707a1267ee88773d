import { debug, info, warning } from "@actions/core";
import { stat } from "node:fs/promises";
import type { Context, Logger } from "../core/index.js";
import { LocalForge } from "../local/local-forge.js";
import { LocalRepo } from "../local/local-repo.js";
import { GitDirWitness } from "../local/log-witness.js";
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
    forge: new LocalForge({ root: repo.root }),
    clock: new SystemClock(),
    logger: actionsLogger,
    actor: run.actor,
    sessionId: run.sessionId,
  };
}

/** The core's diagnostics in the job log: debug lines show with `ACTIONS_STEP_DEBUG`. */
const actionsLogger: Logger = {
  debug: (message) => debug(message),
  info: (message) => info(message),
  warn: (message) => warning(message),
};
