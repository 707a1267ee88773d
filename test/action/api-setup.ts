import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Octokit } from "@octokit/rest";
import { afterEach, vi } from "vitest";
import { execute as executeMilestone, MilestoneHandle, sync } from "../../core/index.js";
import { createGitHubPorts } from "../../github/index.js";
import { createFakeGitHub, type FakeGitHubOptions } from "../helpers/fake-github/index.js";
import { runAction, type ActionRun } from "./harness.js";

export const OWNER = "acme";
export const NAME = "rocket";
const cleanups: (() => void)[] = [];
afterEach(() => {
  vi.unstubAllGlobals();
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/**
 * A fake GitHub with `acme/rocket` holding `files` on main, put behind the global `fetch` the action's
 * Octokit uses. `run` runs the action's entry in API mode: a token, GITHUB_REPOSITORY, an event file.
 */
export function setupApi(files: Record<string, string>, options: FakeGitHubOptions = {}) {
  const gh = createFakeGitHub(options);
  gh.createRepo({ owner: OWNER, repo: NAME, files });
  // The sample plan assigns bob: GitHub silently drops assignees who cannot be assigned.
  for (const login of ["alice", "bob"]) gh.setPermission(OWNER, NAME, login, "write");
  vi.stubGlobal("fetch", gh.fetch);
  const dir = mkdtempSync(join(tmpdir(), "phasegate-api-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  let events = 0;
  const run = (
    inputs: Record<string, string>,
    options: { workspace?: string; event?: object; env?: Record<string, string>; fresh?: boolean } = {},
  ): Promise<ActionRun> => {
    const eventPath = join(dir, `event-${++events}.json`);
    writeFileSync(eventPath, JSON.stringify(options.event ?? { repository: { default_branch: "main" } }));
    return runAction(
      options.workspace ?? dir,
      { token: "ghs_fake", ...inputs },
      { GITHUB_REPOSITORY: `${OWNER}/${NAME}`, GITHUB_EVENT_PATH: eventPath, ...options.env },
      { fresh: options.fresh ?? false },
    );
  };
  const repo = () => gh.repo(OWNER, NAME);
  /** Start the milestone through the core and the GitHub adapters, as `phasegate execute` would. */
  const core = (actor: string) => {
    const clock = { now: () => new Date(gh.now()), sleep: async (ms: number) => void gh.advance(ms) };
    const log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
    const octokit = new Octokit({ auth: gh.tokenFor(actor), log, request: { fetch: gh.fetch } });
    const ports = createGitHubPorts({ octokit, owner: OWNER, repo: NAME, clock });
    const logger = { debug: () => {}, info: () => {}, warn: () => {} };
    return { ...ports, clock, logger, actor, sessionId: "s-setup" };
  };
  const execute = async (milestone: string, actor = "alice"): Promise<void> => {
    const ctx = core(actor);
    await executeMilestone(ctx, await MilestoneHandle.open(ctx, milestone));
  };
  /** Sync through the core with a virtual clock (the action paces writes in real time). */
  const syncNow = async (milestone: string): Promise<void> => {
    const ctx = core("phasegate[bot]");
    const report = await sync(ctx, await MilestoneHandle.open(ctx, milestone));
    if (!report.complete) throw new Error("setup sync incomplete");
  };
  /** The milestone's log on its branch, as events. */
  const log = (milestone: string, branch = `milestone/${milestone}`): { event: string; session_id: string }[] =>
    (gh.readFile(OWNER, NAME, branch, `.milestones/logs/${milestone}.jsonl`) ?? "")
      .split("\n")
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { event: string; session_id: string });
  return { gh, run, repo, dir, execute, syncNow, log };
}
