import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { Octokit } from "@octokit/rest";
import type { Clock, Context, Progress } from "../core/index.js";
import { createGitHubPorts, type ClientStats } from "../github/index.js";
import { runGit } from "../local/git.js";
import { StderrLogger } from "../local/stderr-logger.js";
import { SystemClock } from "../local/system-clock.js";
import { UsageError } from "./output.js";

export interface GitHubOptions {
  cwd: string;
  repo?: string;
  actor?: string;
  session: string;
  verbose: boolean;
  env: NodeJS.ProcessEnv;
  /** Tests hand in the fake GitHub's fetch. */
  fetch?: typeof fetch;
  /** The terminal's progress bar: long waits (rate limits, pacing) show on it. */
  progress?: Progress;
  /** Where --verbose diagnostics go (the command's stderr). */
  writeErr?: (text: string) => void;
}

/**
 * The core's ports over GitHub's API, for `phasegate sync`: the token from GITHUB_TOKEN (or GH_TOKEN,
 * or `gh auth token`), the API from GITHUB_API_URL as in Actions (GitHub Enterprise Server too).
 */
export async function openGitHubContext(options: GitHubOptions): Promise<{ ctx: Context; stats: ClientStats }> {
  const [owner, name] = (options.repo ?? (await originRepo(options.cwd))).split("/");
  if (!owner || !name) throw new UsageError(`--repo must be owner/name; got "${options.repo ?? ""}"`);
  const token = options.env.GITHUB_TOKEN || options.env.GH_TOKEN || (await ghToken());
  if (!token) {
    // Not a usage error: the command was right, the environment lacks something (exit 1).
    throw new Error(
      "no GitHub token: set GITHUB_TOKEN or GH_TOKEN (a token with issues and contents access), or log in with `gh auth login`",
    );
  }
  const logger = new StderrLogger(options.verbose, options.writeErr);
  const octokit = new Octokit({
    auth: token,
    // Octokit logs every request, and a 404 or 304 the adapter expects as an error: only with
    // --verbose, as diagnostics. Failures that matter reach the user as the command's error.
    log: {
      debug: (m: string) => logger.debug(m),
      info: (m: string) => logger.debug(m),
      warn: (m: string) => logger.warn(m),
      error: (m: string) => logger.debug(m),
    },
    baseUrl: (options.env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    userAgent: "phasegate-cli",
    ...(options.fetch && { request: { fetch: options.fetch } }),
  });
  const system = new SystemClock();
  const progress = options.progress;
  const clock: Clock = {
    now: () => system.now(),
    sleep: async (ms) => {
      if (ms >= 1_000) progress?.wait(ms, "GitHub's rate limits");
      await system.sleep(ms);
    },
  };
  const ports = createGitHubPorts({ octokit, owner, repo: name, clock });
  const ctx: Context = {
    repo: ports.repo,
    tracker: ports.tracker,
    forge: ports.forge,
    ci: ports.ci,
    clock,
    logger,
    ...(progress && { progress }),
    actor: options.actor ?? options.env.PHASEGATE_ACTOR ?? "phasegate",
    sessionId: options.session,
  };
  return { ctx, stats: ports.stats };
}

/** `owner/name` of the `origin` remote when it is on GitHub (https or ssh URL). */
async function originRepo(cwd: string): Promise<string> {
  const url = (await runGit(cwd, ["remote", "get-url", "origin"]).catch(() => "")).trim();
  const match = url.match(/[:/]([^/:]+)\/([^/]+?)(?:\.git)?$/);
  if (!match) throw new UsageError("say which repository: --repo owner/name (there is no GitHub origin remote here)");
  return `${match[1]}/${match[2]}`;
}

async function ghToken(): Promise<string | undefined> {
  try {
    const { stdout } = await promisify(execFile)("gh", ["auth", "token"], { timeout: 5_000 });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
