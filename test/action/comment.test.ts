import { describe, expect, it } from "vitest";
import { commentPayload, planYaml, PLAN_PATH, pushPayload, type Harness } from "../app/app-harness.js";
import { NAME, OWNER, setupApi } from "./api-setup.js";

type Api = ReturnType<typeof setupApi>;

/** m1 synced and active (T1 in design), with mallory reading only. */
async function activeMilestone(): Promise<Api> {
  const api = setupApi({ [PLAN_PATH]: planYaml() });
  api.gh.setPermission(OWNER, NAME, "mallory", "read");
  await api.execute("m1", "alice");
  await api.syncNow("m1");
  return api;
}

const eventNames = (api: Api) => api.log("m1").map((e) => e.event);
const taskIssue = (api: Api, task: string) => api.repo().issues.find((i) => i.body?.includes(`task=${task} -->`))!;
const repliesTo = (api: Api, id: number) => api.repo().comments.filter((c) => c.body.includes(`reply comment=${id} `));

/** The comment workflow's job on `payload` (GITHUB_ACTOR: who started the run, the commenter unless re-run). */
function runComment(api: Api, payload: Record<string, any>, runner: string, eventName = "issue_comment") {
  payload.repository = { ...payload.repository, full_name: `${OWNER}/${NAME}`, default_branch: "main" };
  return api.run(
    { command: "comment" },
    { event: payload, env: { GITHUB_EVENT_NAME: eventName, GITHUB_ACTOR: runner } },
  );
}

const comment = (
  api: Api,
  number: number,
  body: string,
  login: string,
  options: { bot?: boolean; pull?: boolean } = {},
) => commentPayload({ gh: api.gh } as unknown as Harness, number, body, login, options);

interface Ignored {
  body: string;
  login: string;
  bot?: boolean;
  plain?: boolean;
  action?: string;
}

describe("command comment (issue_comment)", () => {
  it("runs a writer's command as the commenter, replies once, and a re-run of the job writes nothing", async () => {
    const api = await activeMilestone();
    const t1 = taskIssue(api, "T1").number;
    const payload = await comment(api, t1, "/hold waiting for legal", "bob");
    const first = await runComment(api, payload, "bob");
    expect(first.ok).toBe(true);
    expect(api.log("m1").at(-1)).toMatchObject({ event: "task_held", actor: "bob" });
    expect(repliesTo(api, payload.comment.id)).toEqual([
      expect.objectContaining({ body: expect.stringContaining("Done:") }),
    ]);
    expect(api.repo().reactions).toEqual([expect.objectContaining({ content: "eyes" })]);
    api.gh.resetLog();
    const again = await runComment(api, payload, "alice");
    expect(again.ok).toBe(true);
    expect(again.summary).toContain("answered already");
    expect(api.gh.count({ write: true })).toBe(0);
    expect(api.gh.violations).toEqual([]);
  });

  it("acts as the commenter when someone else re-runs the job: a reader's /hold stays refused", async () => {
    const api = await activeMilestone();
    const before = eventNames(api);
    const payload = await comment(api, taskIssue(api, "T1").number, "/hold", "mallory");
    const result = await runComment(api, payload, "alice");
    expect(result.ok).toBe(true);
    expect(eventNames(api)).toEqual(before);
    const [answer] = repliesTo(api, payload.comment.id);
    expect(answer?.body).toMatch(/Not done: mallory has read access; hold needs write/);
    expect(answer?.body).toContain("Who can: a collaborator with write access");
  });

  it.each([
    ["a bot's comment", { body: "/hold", login: "alice", bot: true }],
    ["a comment without a command", { body: "Looks good to me, see /approve later", login: "alice" }],
    ["a quoted command", { body: "> /hold\n\nWas this meant?", login: "alice" }],
    ["a comment on an issue that is not Phasegate's", { body: "/hold", login: "alice", plain: true }],
    ["an edited comment", { body: "/hold", login: "alice", action: "edited" }],
    ["a deleted comment", { body: "/hold", login: "alice", action: "deleted" }],
  ] as [string, Ignored][])("ignores %s: no reply, no write", async (_, c) => {
    const api = await activeMilestone();
    const number = c.plain
      ? api.gh.createIssue({ owner: OWNER, repo: NAME, title: "Unrelated", body: "Just an issue" })
      : taskIssue(api, "T1").number;
    const payload = await comment(api, number, c.body, c.login, { bot: c.bot ?? false });
    if (c.action) payload.action = c.action;
    const before = eventNames(api);
    api.gh.resetLog();
    const result = await runComment(api, payload, c.login);
    expect(result.ok).toBe(true);
    expect(result.summary).toContain("Nothing to do:");
    expect(api.gh.count({ write: true })).toBe(0);
    expect(repliesTo(api, payload.comment.id)).toEqual([]);
    expect(eventNames(api)).toEqual(before);
  });

  it.each([
    ["the repository's own branch", "feature", true],
    ["a fork", "eve:feature", false],
  ])("on a pull request from %s linked to T1: runs the command only when it is not a fork's", async (_, head, runs) => {
    const api = await activeMilestone();
    api.gh.commitFiles(OWNER, NAME, "feature", { "src/x.ts": "export const x = 1;\n" }, "Work");
    const number = api.gh.createPullRequest({
      owner: OWNER,
      repo: NAME,
      head,
      body: "Phasegate-Task: m1/T1",
      user: "bob",
    });
    const before = eventNames(api);
    const payload = await comment(api, number, "/hold until review", "alice", { pull: true });
    payload.issue.pull_request ??= { url: `https://api.github.com/repos/${OWNER}/${NAME}/pulls/${number}` };
    const result = await runComment(api, payload, "alice");
    expect(result.ok).toBe(true);
    const [answer] = repliesTo(api, payload.comment.id);
    if (runs) {
      expect(eventNames(api)).toEqual([...before, "task_held"]);
      expect(answer?.body).toContain("Done:");
    } else {
      expect(eventNames(api)).toEqual(before);
      expect(answer?.body).toMatch(/Not done: this pull request comes from eve\/rocket/);
      expect(answer?.body).toContain("Who can:");
    }
    expect(api.gh.violations).toEqual([]);
  });

  it("fails with a clear message outside an issue_comment event, writing nothing", async () => {
    const api = await activeMilestone();
    api.gh.resetLog();
    const result = await runComment(api, pushPayload("abc", []), "alice", "push");
    expect(result.ok).toBe(false);
    expect(result.summary).toMatch(/comment answers issue_comment events; this run is push/);
    expect(api.gh.count({ write: true })).toBe(0);
  });
});

describe("command advance (push to the milestone branch)", () => {
  it.each([
    ["a push to another branch", "refs/heads/feature/x"],
    ["a branch name that is not a milestone id", "refs/heads/milestone/..%2Fetc"],
    ["a nested branch", "refs/heads/milestone/m1/extra"],
  ])("needs the milestone input on %s, and writes nothing", async (_, ref) => {
    const api = await activeMilestone();
    const payload = pushPayload("abc", []);
    payload.ref = ref;
    payload.repository = { ...payload.repository, default_branch: "main" };
    api.gh.resetLog();
    const result = await api.run({ command: "advance" }, { event: payload });
    expect(result.ok).toBe(false);
    expect(result.summary).toContain('input "milestone" is required for advance');
    expect(api.gh.count({ write: true })).toBe(0);
  });

  it("advances the milestone whose branch CI finished on (workflow_run), and approves nothing", async () => {
    const api = await activeMilestone();
    const files = {
      ".kiro/specs/first/design.md": "# Design\n\n## Overview\n\nHow it works.\n",
    };
    api.gh.commitFiles(OWNER, NAME, "milestone/m1", files, "Design");
    const event = { workflow_run: { head_branch: "milestone/m1", event: "push", conclusion: "success" } };
    const result = await api.run(
      { command: "advance" },
      { event: { ...event, repository: { default_branch: "main" } } },
    );
    expect(result.ok).toBe(true);
    expect(api.log("m1").at(-1)).toMatchObject({ event: "deliverables_validated" });
    expect(result.summary).toMatch(
      /T1 \(design\): waiting for approval: needs 1 of alice \(the plan's approvers\): none yet, 1 more from @alice/,
    );
  });

  it("with nothing new on the branch moves nothing and, once synced, writes nothing", async () => {
    const api = await activeMilestone();
    const before = eventNames(api);
    await api.run({ command: "advance", milestone: "m1" }); // the Action's issue bodies link the repository
    api.gh.resetLog();
    const result = await api.run({ command: "advance", milestone: "m1" });
    expect(eventNames(api)).toEqual(before);
    expect(result.ok).toBe(true);
    expect(result.summary).toContain("Nothing moved.");
    expect(result.summary).toMatch(/T1 \(design\): .*design\.md/);
    expect(api.gh.count({ write: true })).toBe(0);
  });
});
