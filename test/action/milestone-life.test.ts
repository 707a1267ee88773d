import { describe, expect, it } from "vitest";
import { parseLog } from "../../core/index.js";
import { commentPayload, DESIGN, planYaml, PLAN_PATH, pushPayload, type Harness } from "../app/app-harness.js";
import { REQUIREMENTS, TASKS_DONE, TASKS_OPEN } from "../helpers/sample-plan.js";
import { NAME, OWNER, setupApi } from "./api-setup.js";

type Api = ReturnType<typeof setupApi>;

const BRANCH = "milestone/m1";
const LOG = ".milestones/logs/m1.jsonl";
/** The first requirements, sent back by the approver; the fixed version covers the error case too. */
const REQUIREMENTS_FIXED = REQUIREMENTS + "2. WHEN the input is invalid THEN the system SHALL say which field\n";

/** The job of workflow `workflow` (docs/workflows) receiving recorded payload `event` as `actor`. */
function job(api: Api, eventName: string, event: Record<string, any>, actor: string) {
  event.repository = { ...event.repository, name: NAME, full_name: `${OWNER}/${NAME}`, default_branch: "main" };
  return { event, env: { GITHUB_EVENT_NAME: eventName, GITHUB_ACTOR: actor } };
}

/** `login` comments `body` on issue `number`; the Action's comment workflow runs on the recorded event. */
async function comment(api: Api, number: number, body: string, login: string) {
  const payload = await commentPayload({ gh: api.gh } as unknown as Harness, number, body, login);
  const result = await api.run({ command: "comment" }, job(api, "issue_comment", payload, login));
  expect(result.commands.filter((c) => c.command === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  const replies = api.repo().comments.filter((c) => c.body.includes(`reply comment=${payload.comment.id} `));
  expect(replies).toHaveLength(1);
  return replies[0]!.body as string;
}

/** `login` pushes `files` to the milestone branch; the advance workflow runs on the recorded push. */
async function push(api: Api, files: Record<string, string>, login = "bob", ci = false) {
  const after = api.gh.commitFiles(OWNER, NAME, BRANCH, files, `Work on ${Object.keys(files).join(", ")}`);
  // CI of the work commit (the workflow's checks): GitHub runs it on the push, before Phasegate looks.
  if (ci) api.gh.setCheckState({ owner: OWNER, repo: NAME, ref: after, name: "test" });
  const payload = pushPayload(after, Object.keys(files), login);
  payload.ref = `refs/heads/${BRANCH}`;
  const result = await api.run({ command: "advance" }, job(api, "push", payload, login));
  expect(result.commands.filter((c) => c.command === "error")).toEqual([]);
  expect(result.ok).toBe(true);
  return result;
}

const events = (api: Api) => api.log("m1").map((e) => e as unknown as Record<string, string>);
const names = (api: Api) => events(api).map((e) => [e.event, e.task_id ?? "", e.phase ?? ""].filter(Boolean).join(" "));
const issue = (api: Api, task: string) => api.repo().issues.find((i) => i.body?.includes(`task=${task} -->`))!;
const dashboard = (api: Api) => api.repo().issues.find((i) => i.body?.includes(" dashboard -->"))!;
const labels = (i: Record<string, any>) => (i.labels as { name: string }[]).map((l) => l.name);

/** One task through every phase of the kiro workflow, with its approvals by alice. */
async function workThrough(api: Api, task: string, spec: string, options: { rejectSpec?: boolean } = {}) {
  const n = issue(api, task).number;
  await push(api, { [`.kiro/specs/${spec}/design.md`]: DESIGN });
  expect(await comment(api, n, "/approve", "alice")).toContain("Done:");
  expect(labels(issue(api, task))).toContain("phase: spec");
  await push(api, { [`.kiro/specs/${spec}/requirements.md`]: REQUIREMENTS });
  if (options.rejectSpec) {
    const rejected = await comment(api, n, "/reject The error case has no acceptance criterion", "alice");
    expect(rejected).toContain("Done:");
    expect(labels(issue(api, task))).toContain("phase: spec");
    await push(api, { [`.kiro/specs/${spec}/requirements.md`]: REQUIREMENTS_FIXED });
  }
  expect(await comment(api, n, "/approve", "alice")).toContain("Done:");
  // The task phase has no gate: its task list moves it on to execute by itself.
  await push(api, { [`.kiro/specs/${spec}/tasks.md`]: TASKS_OPEN });
  expect(labels(issue(api, task))).toContain("phase: execute");
  const waiting = await push(api, { [`.kiro/specs/${spec}/tasks.md`]: TASKS_DONE }, "bob", true);
  expect(waiting.summary).toMatch(new RegExp(`${task} \\(execute\\): waiting for approval`));
  expect(await comment(api, n, "/approve", "alice")).toContain("Done:");
}

describe("a milestone from plan to done with the Action alone", () => {
  it("runs plan push → sync, comments, pushes to the milestone branch and approvals to a closed milestone", async () => {
    const api = setupApi({ [PLAN_PATH]: planYaml() });
    api.gh.setPermission(OWNER, NAME, "mallory", "read");

    // 1. The plan lands on main: the plan workflow syncs.
    const planPush = pushPayload(api.gh.resolve(OWNER, NAME, "main")!, [PLAN_PATH], "alice");
    const synced = await api.run({ command: "sync", milestone: "m1" }, job(api, "push", planPush, "alice"));
    expect(synced.ok).toBe(true);
    expect(api.repo().milestones).toMatchObject([{ title: "Milestone one", state: "open" }]);
    expect([issue(api, "T1"), issue(api, "T2"), dashboard(api)].every(Boolean)).toBe(true);

    // 2. A reader may not activate: refused with who can, nothing changed.
    const refused = await comment(api, dashboard(api).number, "/activate", "mallory");
    expect(refused).toMatch(/Not done: mallory has read access; activate needs write/);
    expect(refused).toMatch(/Who can: a collaborator with write access/);
    expect(api.gh.readFile(OWNER, NAME, BRANCH, LOG)).toBeUndefined();
    expect(labels(issue(api, "T1"))).not.toContain("phase: design");

    // 3. A writer activates on the dashboard: T1 starts at once, its label in the same run.
    expect(await comment(api, dashboard(api).number, "/activate", "alice")).toContain("Done:");
    expect(names(api)).toEqual(["milestone_activated", "phase_started T1 design"]);
    expect(labels(issue(api, "T1"))).toContain("phase: design");

    // 4. T1 through every phase, with one rejection of its spec and the re-approval after the fix.
    await workThrough(api, "T1", "first", { rejectSpec: true });
    expect(issue(api, "T1")).toMatchObject({ state: "closed", state_reason: "completed" });
    // T2 depended on T1 only: it started by itself in the step that completed T1.
    expect(names(api)).toEqual(expect.arrayContaining(["kiro_task_completed T1", "phase_started T2 design"]));
    expect(labels(issue(api, "T2"))).toContain("phase: design");

    // 5. T2 through every phase; the milestone completes and its GitHub milestone closes.
    await workThrough(api, "T2", "second");
    expect(issue(api, "T2")).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(api.repo().milestones).toMatchObject([{ state: "closed" }]);
    expect(dashboard(api).body).toMatch(/\*\*100\.0 %\*\* · 2\/2 tasks completed/);
    expect(dashboard(api).body).toContain("**Status:** completed");

    // The log: every phase of both tasks in order, the rejection before the re-approval, a chain that verifies.
    const text = api.gh.readFile(OWNER, NAME, BRANCH, LOG)!;
    expect(parseLog(text, "m1").problem).toBeUndefined();
    const log = names(api);
    for (const task of ["T1", "T2"]) {
      const done = log.filter((e) => e.startsWith("phase_completed") && e.includes(` ${task} `));
      expect(done).toEqual(["design", "spec", "task", "execute"].map((p) => `phase_completed ${task} ${p}`));
    }
    const spec = log.filter((e) => /^(phase_approved|phase_rejected) T1 spec$/.test(e));
    expect(spec).toEqual(["phase_rejected T1 spec", "phase_approved T1 spec"]);
    expect(log.at(-1)).toBe("milestone_completed");
    expect(events(api).find((e) => e.event === "phase_rejected")).toMatchObject({ actor: "alice" });
    expect(api.gh.violations).toEqual([]);
  }, 60_000);
});
