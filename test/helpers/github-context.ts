import { Octokit } from "@octokit/rest";
import type { Clock, Context } from "../../core/index.js";
import { createGitHubPorts, type GitHubPorts } from "../../github/index.js";
import type { FakeGitHub } from "./fake-github/index.js";

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

/** A clock on the fake's virtual time; sleeping advances it and lets other work run in proportion. */
export function fakeClock(gh: FakeGitHub): Clock {
  return {
    now: () => new Date(gh.now()),
    async sleep(ms) {
      gh.advance(ms);
      for (let i = 0; i < Math.min(50, Math.ceil(ms / 20)); i++) await new Promise((r) => setImmediate(r));
    },
  };
}

/** The core's context over the fake GitHub, as a shell builds it: Octokit → adapter → ports. */
export function githubContext(
  gh: FakeGitHub,
  at: { owner: string; repo: string },
  actor = "alice",
): Context & { ports: GitHubPorts } {
  const clock = fakeClock(gh);
  const octokit = new Octokit({ auth: "x", log: quiet, request: { fetch: gh.fetch } });
  const ports = createGitHubPorts({ octokit, owner: at.owner, repo: at.repo, clock, client: { random: () => 0.5 } });
  return {
    repo: ports.repo,
    tracker: ports.tracker,
    forge: ports.forge,
    ci: ports.ci,
    clock,
    logger: { debug: () => undefined, info: () => undefined, warn: () => undefined },
    sessionId: `s-${actor}`,
    actor,
    random: Math.random,
    ports,
  };
}
