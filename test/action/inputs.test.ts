import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRunEnvironment } from "../../action/run-environment.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { failures, runAction } from "./harness.js";

let repo: ScratchRepo;
beforeAll(() => void (repo = scratchRepo(sampleFiles())));
afterAll(() => repo.cleanup());

describe("bad inputs fail the step with a message that names the input", () => {
  it.each([
    [
      {},
      'phasegate action: input "command" must be one of validate, import, status, scan, sync, phase-check, gate, checkpoint, claim, release, advance, comment; it is missing',
    ],
    [
      { command: "deploy" },
      'phasegate action: input "command" must be one of validate, import, status, scan, sync, phase-check, gate, checkpoint, claim, release, advance, comment; got "deploy"',
    ],
    [
      { command: "status" },
      'phasegate status: input "milestone" is required for status (the plan\'s id, e.g. auth-v2)',
    ],
    [
      { command: "scan", milestone: "../../etc/passwd" },
      /^phasegate scan: input "milestone": "\.\.\/\.\.\/etc\/passwd" is not a milestone id/,
    ],
    [
      { command: "import" },
      'phasegate import: input "path" must name one spec folder for import (e.g. .kiro/specs/auth); got 0',
    ],
    [{ command: "import", path: "a\nb" }, /input "path" must name one spec folder for import .*; got 2$/],
    [
      { command: "import", path: "specs", write: "yes" },
      'phasegate import: input "write" must be true or false; got "yes"',
    ],
    [
      { command: "import", path: "specs", id: "Not An Id" },
      /^phasegate import: input "id": "Not An Id" is not a milestone id/,
    ],
    [
      { command: "import", path: "specs", approvers: "alice, not a@login" },
      'phasegate import: input "approvers": "a@login" is not a GitHub login or @org/team',
    ],
    [
      { command: "validate", "working-directory": "nowhere" },
      /^phasegate validate: input "working-directory": .*\/nowhere is not a folder/,
    ],
  ] as [Record<string, string>, string | RegExp][])("%j", async (inputs, message) => {
    const result = await runAction(repo.root, inputs);
    expect(result).toMatchObject({ ok: false, exitCode: 1, outputs: { ok: "false" } });
    const [failure] = failures(result);
    if (typeof message === "string") expect(failure).toBe(message);
    else expect(failure).toMatch(message);
    expect(result.summary).toMatch(/^## Phasegate \w+: failed\n/);
  });

  it("a folder that is not a git checkout is refused plainly", async () => {
    const bare = mkdtempSync(join(tmpdir(), "phasegate-nogit-"));
    try {
      const result = await runAction(bare, { command: "validate" });
      expect(failures(result)[0]).toMatch(/is not inside a git working tree/);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it("an input the command does not read is a warning, not a failure", async () => {
    const result = await runAction(repo.root, { command: "validate", milestone: "m1", write: "true" });
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    expect(result.commands.filter((c) => c.command === "warning").map((c) => c.message)).toEqual([
      'input "milestone" has no effect on validate; it is ignored',
      'input "write" has no effect on validate; it is ignored',
    ]);
  });
});

describe("readRunEnvironment", () => {
  const now = new Date("2026-11-24T10:15:00Z");
  it.each([
    [{ GITHUB_ACTOR: "octocat", GITHUB_RUN_ID: "7", GITHUB_RUN_ATTEMPT: "2" }, "octocat", "gha-7-2"],
    [{ GITHUB_RUN_ID: "7" }, "github-actions", "gha-7-1"],
    [{ GITHUB_RUN_ID: "7/../../x", GITHUB_RUN_ATTEMPT: "1" }, "github-actions", "gha-local-20261124T101500"],
    [{}, "github-actions", "gha-local-20261124T101500"],
  ])("%j → %s, %s", (env, actor, sessionId) => {
    expect(readRunEnvironment(env, "/work", now)).toMatchObject({ actor, sessionId, workspace: "/work" });
  });

  it("the workspace and event come from the runner", () => {
    const env = { GITHUB_WORKSPACE: "/home/runner/work/r/r", GITHUB_EVENT_NAME: "schedule" };
    expect(readRunEnvironment(env, "/cwd", now)).toMatchObject({
      workspace: env.GITHUB_WORKSPACE,
      eventName: "schedule",
    });
  });
});
