import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, vi } from "vitest";
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
    options: { workspace?: string; event?: object; env?: Record<string, string> } = {},
  ): Promise<ActionRun> => {
    const eventPath = join(dir, `event-${++events}.json`);
    writeFileSync(eventPath, JSON.stringify(options.event ?? { repository: { default_branch: "main" } }));
    return runAction(
      options.workspace ?? dir,
      { token: "ghs_fake", ...inputs },
      { GITHUB_REPOSITORY: `${OWNER}/${NAME}`, GITHUB_EVENT_PATH: eventPath, ...options.env },
    );
  };
  const repo = () => gh.repo(OWNER, NAME);
  return { gh, run, repo, dir };
}
