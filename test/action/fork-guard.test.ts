import { existsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findUntrustedOrigin } from "../../action/fork-guard.js";
import { SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { NAME, OWNER, setupApi } from "./api-setup.js";
import { failures, runAction } from "./harness.js";

/**
 * Security round 3, item 5: every event that can carry code from outside the repository is guarded,
 * not only pull_request_target.
 */
const REPO = "acme/rocket";
const fromFork = { head: { repo: { full_name: "evil/rocket" } } };
const fromHere = { head: { repo: { full_name: "Acme/Rocket" } } };
const heads: Record<number, string | undefined> = { 1: "evil/rocket", 2: "acme/rocket" };
const lookup = async (n: number) => heads[n];
/** check_run / check_suite payloads: a pull request's head repository is named by API URL only. */
const pull = (number: number, repo: string) => ({
  number,
  head: { repo: { url: `https://api.github.com/repos/${repo}` } },
});
const forkSuite = { head_branch: null, head_sha: "f".repeat(40), pull_requests: [] };
const ownSuite = (...pulls: object[]) => ({ head_branch: "feature", head_sha: "a".repeat(40), pull_requests: pulls });

describe("findUntrustedOrigin", () => {
  it.each([
    ["pull_request_target", { pull_request: fromFork }, "a pull request from evil/rocket"],
    ["pull_request", { pull_request: fromFork }, "a pull request from evil/rocket"],
    ["pull_request_review", { pull_request: fromFork }, "a pull request from evil/rocket"],
    ["pull_request_review_comment", { pull_request: fromFork }, "a pull request from evil/rocket"],
    ["pull_request", { pull_request: { head: { repo: null } } }, "a pull request from an unknown repository"],
    ["pull_request_target", {}, "a pull request from an unknown repository"],
    [
      "workflow_run",
      { workflow_run: { head_repository: { full_name: "evil/rocket" } } },
      "a workflow run of code from evil/rocket",
    ],
    ["workflow_run", { workflow_run: {} }, "a workflow run of code from an unknown repository"],
    ["issue_comment", { issue: { number: 1, pull_request: {} } }, "a comment on pull request #1 from evil/rocket"],
    [
      "issue_comment",
      { issue: { number: 7, pull_request: {} } },
      "a comment on pull request #7 from an unknown repository",
    ],
    ["pull_request_review_thread", { pull_request: fromFork }, "a pull request from evil/rocket"],
    ["check_suite", { check_suite: forkSuite }, "a check suite of a fork's commit"],
    ["check_suite", {}, "a check suite of a fork's commit"],
    ["check_run", { check_run: { check_suite: forkSuite, pull_requests: [] } }, "a check run of a fork's commit"],
    [
      "check_run",
      { check_run: { check_suite: ownSuite(), pull_requests: [pull(4, "evil/rocket")] } },
      "a check run of pull request #4 from https://api.github.com/repos/evil/rocket",
    ],
    [
      "check_suite",
      { check_suite: ownSuite(pull(5, "acme/rocket"), { number: 6, head: {} }) },
      "a check suite of pull request #6 from an unknown repository",
    ],
    [
      "status",
      { sha: "f".repeat(40), branches: [] },
      `a status of commit ${"f".repeat(40)} on no branch of acme/rocket`,
    ],
    // An event the guard does not know (GitHub adds them) is outside until someone looks at it.
    [
      "pull_request_stack",
      { pull_request: fromHere },
      "an event (pull_request_stack) not known to carry only acme/rocket's code",
    ],
    ["member", {}, "an event (member) not known to carry only acme/rocket's code"],
    ["Push", {}, "an event (Push) not known to carry only acme/rocket's code"],
  ])("%s %j: %s", async (event, payload, origin) => {
    expect(await findUntrustedOrigin(event, payload, REPO, lookup)).toBe(origin);
  });

  it.each([
    ["push", {}],
    ["schedule", {}],
    ["workflow_dispatch", {}],
    ["pull_request", { pull_request: fromHere }],
    ["pull_request_target", { pull_request: fromHere }],
    ["workflow_run", { workflow_run: { head_repository: { full_name: "acme/rocket" } } }],
    ["issue_comment", { issue: { number: 2, pull_request: {} } }],
    ["issue_comment", { issue: { number: 1 } }],
    ["pull_request_review_thread", { pull_request: fromHere }],
    ["check_suite", { check_suite: ownSuite(pull(5, "Acme/Rocket")) }],
    ["check_run", { check_run: { check_suite: ownSuite(), pull_requests: [pull(5, "acme/rocket")] } }],
    ["status", { sha: "a".repeat(40), branches: [{ name: "main" }] }],
    ["repository_dispatch", {}],
    ["merge_group", {}],
    ["issues", {}],
    ["release", {}],
    [undefined, {}],
  ])("%s %j is the repository's own code", async (event, payload) => {
    expect(await findUntrustedOrigin(event, payload, REPO, lookup)).toBeUndefined();
  });
});

describe("writes are refused for code from outside the repository", () => {
  it.each([
    [
      "checkpoint",
      "workflow_run",
      { workflow_run: { head_repository: { full_name: "evil/rocket" } } },
      /workflow run of code from evil\/rocket/,
    ],
    ["sync", "pull_request", { pull_request: fromFork }, /a pull request from evil\/rocket/],
    ["scan", "pull_request_review", { pull_request: fromFork }, /a pull request from evil\/rocket/],
    ["checkpoint", "check_suite", { check_suite: forkSuite }, /a check suite of a fork's commit/],
    [
      "sync",
      "check_run",
      { check_run: { check_suite: ownSuite(), pull_requests: [pull(8, "evil/rocket")] } },
      /a check run of pull request #8 from https:\/\/api\.github\.com\/repos\/evil\/rocket/,
    ],
    ["claim", "status", { sha: "f".repeat(40), branches: [] }, /a status of commit f+ on no branch/],
    [
      "claim",
      "issue_comment",
      { issue: { number: 99, pull_request: {} } },
      /a comment on pull request #99 from an unknown repository/,
    ],
  ])("%s under %s", async (command, event, payload, why) => {
    const { gh, run } = setupApi(sampleFiles());
    const before = gh.resolve(OWNER, NAME, "milestone/m1");
    const result = await run(
      { command, milestone: "m1", task: "T1" },
      { event: { ...payload, repository: { default_branch: "main" } }, env: { GITHUB_EVENT_NAME: event } },
    );
    expect(result.ok).toBe(false);
    expect(result.commands.find((c) => c.command === "error")?.message).toMatch(
      new RegExp(`${command} writes to the repository and is refused under ${event} for .*${why.source}`),
    );
    expect(gh.resolve(OWNER, NAME, "milestone/m1")).toBe(before);
    expect(gh.count({ write: true })).toBe(0);
  });

  it("an issue_comment on the repository's own pull request may sync", async () => {
    const { gh, run } = setupApi(sampleFiles());
    const number = gh.createPullRequest({ owner: OWNER, repo: NAME, head: "main", base: "main", body: "" });
    const result = await run(
      { command: "sync", milestone: "m1" },
      {
        event: { issue: { number, pull_request: {} }, repository: { default_branch: "main" } },
        env: { GITHUB_EVENT_NAME: "issue_comment" },
      },
    );
    expect(result.commands.find((c) => c.command === "error")).toBeUndefined();
  });
});

describe("the test command does not run for code from outside the repository", () => {
  let repo: ScratchRepo;
  afterEach(() => repo?.cleanup());

  it.each([
    ["workflow_run", { workflow_run: { head_repository: { full_name: "evil/rocket" } } }],
    ["pull_request", { pull_request: fromFork }],
    ["issue_comment", { issue: { number: 3, pull_request: {} } }],
    ["check_suite", { check_suite: forkSuite }],
    ["check_run", { check_run: { check_suite: forkSuite, pull_requests: [] } }],
  ])("scan under %s", async (event, payload) => {
    const plan = SAMPLE_PLAN.replace("node check.mjs", "node mark.mjs");
    const mark = 'import { writeFileSync } from "node:fs"; writeFileSync("RAN", "1");\n';
    repo = scratchRepo({ ...sampleFiles(plan), "mark.mjs": mark }, "milestone/m1");
    await repo.cli("execute", "m1");
    const eventPath = join(tmpdir(), `phasegate-fork-${process.pid}-${event}.json`);
    writeFileSync(eventPath, JSON.stringify(payload));
    const env = { GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: eventPath, GITHUB_REPOSITORY: REPO };
    const result = await runAction(repo.root, { command: "scan", milestone: "m1" }, env);
    expect(failures(result)[0]).toMatch(
      /^phasegate scan: refused: scan runs the repository's test command and is refused under/,
    );
    expect(existsSync(join(repo.root, "RAN"))).toBe(false);
  });
});
