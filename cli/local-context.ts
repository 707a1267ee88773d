import { randomBytes } from "node:crypto";
import { userInfo } from "node:os";
import type { Context } from "../core/index.js";
import { LocalForge } from "../local/local-forge.js";
import { LocalTestRunner } from "../local/local-test-runner.js";
import { LocalRepo } from "../local/local-repo.js";
import { GitDirWitness } from "../local/log-witness.js";
import { BUILD_ID, GitDirPlanCache } from "../local/plan-cache.js";
import { StderrLogger } from "../local/stderr-logger.js";
import { SystemClock } from "../local/system-clock.js";
import { registerMergeDriver } from "./register-merge-driver.js";

export interface LocalOptions {
  cwd: string;
  actor?: string;
  session?: string;
  verbose: boolean;
  env: NodeJS.ProcessEnv;
  /** Commands that only read never record an actor: skip asking git who the user is. */
  readOnly?: boolean;
}

/** The core's ports over the working tree and local git: local mode, no GitHub. */
export async function openLocalContext(options: LocalOptions): Promise<LocalModeContext> {
  const repo = await LocalRepo.open(options.cwd);
  // Every command reads the plan from the default branch next: its git process starts now.
  repo.prefetchDefaultBranch();
  // Every command that opens the repository registers the log's merge driver, so a fresh clone has it
  // before its first pull (ADR 20). Its settings come from the same `git config` run as the default
  // branch's and the user's; the command does not wait for it to start (ADR 37): `settled` does.
  const registered = registerMergeDriver(repo.root, repo.gitSettings());
  const actor = await (options.actor ??
    options.env.PHASEGATE_ACTOR ??
    (options.readOnly ? "reader" : gitUser(repo.gitSettings())));
  const witness = new GitDirWitness(repo.root, BUILD_ID);
  const planCache = BUILD_ID ? new GitDirPlanCache(repo.root, BUILD_ID) : undefined;
  return {
    repo,
    workTree: repo,
    witness,
    ...(planCache && { planCache }),
    forge: new LocalForge({ root: repo.root }),
    ci: new LocalTestRunner({ root: repo.root }),
    clock: new SystemClock(),
    logger: new StderrLogger(options.verbose),
    actor,
    sessionId: options.session ?? options.env.PHASEGATE_SESSION ?? newSessionId(new Date()),
    settled: registered.then(() => undefined),
    close() {
      witness.close();
      planCache?.close();
    },
  };
}

/**
 * The local context; `settled`: the merge driver's registration done (a command awaits it before it
 * ends); `close`: let go of the stored files lazy rows read from (ADR 41), once the command is done.
 */
export type LocalModeContext = Context & { repo: LocalRepo; settled: Promise<void>; close(): void };

/** Who is acting when nobody said: git's `github.user`, else `user.name`, else the OS user. */
async function gitUser(settings: Promise<Map<string, string>>): Promise<string> {
  const known = await settings;
  for (const key of ["github.user", "user.name"]) {
    const value = known.get(key)?.trim();
    if (value) return value;
  }
  return userInfo().username;
}

/** `s-20261124T101500-3f9a`: sortable by time, unique enough for concurrent agents. */
export function newSessionId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").slice(0, 15);
  return `s-${stamp}-${randomBytes(2).toString("hex")}`;
}
