import { describe, expect, it } from "vitest";
import { parseLog } from "../../core/index.js";
import { DESIGN, REQUIREMENTS, TASKS_DONE, TASKS_OPEN } from "../helpers/sample-plan.js";
import {
  commentPayload,
  createHarness,
  issueOf,
  LOG_PATH,
  OWNER,
  planYaml,
  PLAN_PATH,
  pushPayload,
  REPO,
  type Harness,
} from "./app-harness.js";
import { example } from "./webhook-examples.js";

const BRANCH = "milestone/m1";
const SPEC = { T1: ".kiro/specs/first", T2: ".kiro/specs/second" } as const;

/** The log on the milestone branch, verified: a broken chain fails the test. */
function logOf(h: Harness) {
  const parsed = parseLog(h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "", "m1");
  expect(parsed.problem).toBeUndefined();
  return parsed.events;
}

function issue(h: Harness, number: number) {
  const found = h.gh.repo(OWNER, REPO).issues.find((i) => i.number === number);
  if (!found) throw new Error(`no issue #${number}`);
  return {
    state: found.state as string,
    stateReason: found.state_reason as string | null,
    labels: found.labels.map((l: { name: string }) => l.name).sort() as string[],
    body: found.body as string,
  };
}

function dashboard(h: Harness) {
  return h.gh.repo(OWNER, REPO).issues.find((i) => i.body?.includes("phasegate:milestone=m1 dashboard -->"))!;
}

function replyTo(h: Harness, commentId: number): string {
  const reply = h.gh.repo(OWNER, REPO).comments.find((c) => c.body.includes(`reply comment=${commentId}`));
  if (!reply) throw new Error(`no reply to comment ${commentId}`);
  return reply.body;
}

/** `login` comments `body` on issue `number`; the App receives the recorded payload; returns the reply. */
async function say(h: Harness, number: number, login: string, body: string): Promise<string> {
  const payload = await commentPayload(h, number, body, login);
  await h.deliver("issue_comment", payload);
  expect(h.gh.violations).toEqual([]);
  return replyTo(h, payload.comment.id);
}

/** `login` pushes `files` to `branch` (a commit in the fake, then the recorded `push` webhook). */
async function push(h: Harness, branch: string, files: Record<string, string>, login = "bob"): Promise<string> {
  const sha = h.gh.commitFiles(OWNER, REPO, branch, files, `Work on ${Object.keys(files).join(", ")}`);
  const payload = pushPayload(sha, Object.keys(files), login);
  payload.ref = `refs/heads/${branch}`;
  payload.commits = payload.commits.map((c: Record<string, unknown>) => ({ ...c, message: "Work" }));
  await h.deliver("push", payload);
  expect(h.gh.violations).toEqual([]);
  return sha;
}

/** CI passes on the milestone branch's work commit; the App hears the recorded `check_suite.completed`. */
async function ciPasses(h: Harness, sha: string): Promise<void> {
  h.gh.setCheckState({ owner: OWNER, repo: REPO, ref: sha, name: "test", conclusion: "success" });
  const payload = example("check_suite", "completed");
  Object.assign(payload.check_suite, { conclusion: "success", head_sha: sha, head_branch: BRANCH });
  payload.check_suite.app = { ...payload.check_suite.app, slug: "github-actions" };
  await h.deliver("check_suite", payload);
  expect(h.gh.violations).toEqual([]);
}

const phaseLabel = (h: Harness, n: number) => issue(h, n).labels.filter((l) => l.startsWith("phase: "));

describe("a milestone from plan to done on GitHub alone", () => {
  it("plan push → /activate → deliverables, approvals, a rejection → completed, with no CLI", async () => {
    const h = await createHarness({ "README.md": "# rocket\n" });

    // 1. The plan lands on the default branch: check, milestone, task issues, dashboard.
    const planSha = h.gh.commitFiles(
      OWNER,
      REPO,
      "main",
      { [PLAN_PATH]: planYaml({ approvers: ["alice", "carol"] }) },
      "Add the m1 plan",
    );
    await h.deliver("push", pushPayload(planSha, [PLAN_PATH]));
    expect(h.gh.violations).toEqual([]);
    const [t1, t2] = [issueOf(h, "T1"), issueOf(h, "T2")];
    expect(h.gh.repo(OWNER, REPO).milestones.map((m) => [m.title, m.state])).toEqual([["Milestone one", "open"]]);
    const board = dashboard(h).number;

    // 2. A read-only user cannot activate, and is told what they lack (not what else is in the way).
    const refused = await say(h, board, "mallory", "/activate");
    expect(refused).toContain("mallory has read access; activate needs write");
    expect(h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH)).toBeUndefined();

    // 3. /activate: the milestone is in progress and T1 (ready) starts at once, with its phase label.
    expect(await say(h, board, "carol", "/activate")).toContain("Done:");
    expect(phaseLabel(h, t1)).toEqual(["phase: design"]);
    expect(issue(h, t2).labels).not.toContain("phase: design");

    // 4. Design: the file arrives on the milestone branch; an approver approves it.
    await push(h, BRANCH, { [`${SPEC.T1}/design.md`]: DESIGN });
    expect(await say(h, t1, "alice", "/approve")).toContain("design approved by alice");
    expect(phaseLabel(h, t1)).toEqual(["phase: spec"]);

    // 5. Spec: rejected with a reason, fixed, approved again.
    await push(h, BRANCH, { [`${SPEC.T1}/requirements.md`]: REQUIREMENTS });
    expect(await say(h, t1, "alice", "/reject the acceptance criteria are too vague")).toContain("Done:");
    expect(phaseLabel(h, t1)).toEqual(["phase: spec"]);
    const better = REQUIREMENTS.replace("SHALL work", "SHALL issue a token within 100 ms");
    await push(h, BRANCH, { [`${SPEC.T1}/requirements.md`]: better });
    expect(await say(h, t1, "alice", "/approve")).toContain("spec approved by alice");

    // 6. Task (no gate): the task list pushed is all it takes.
    expect(phaseLabel(h, t1)).toEqual(["phase: task"]);
    await push(h, BRANCH, { [`${SPEC.T1}/tasks.md`]: TASKS_OPEN });
    expect(phaseLabel(h, t1)).toEqual(["phase: execute"]);

    // 7. Execute: every box ticked and CI green on the milestone branch, then the gate.
    const work = await push(h, BRANCH, { [`${SPEC.T1}/tasks.md`]: TASKS_DONE });
    await ciPasses(h, work);
    expect(await say(h, t1, "alice", "/approve")).toContain("execute approved by alice");
    expect(issue(h, t1)).toMatchObject({ state: "closed", stateReason: "completed" });
    // T1's completion made T2 ready, and it started in the same step.
    expect(phaseLabel(h, t2)).toEqual(["phase: design"]);

    // 8. T2 through every phase, approved by both approvers of the plan on the default branch.
    await push(h, BRANCH, { [`${SPEC.T2}/design.md`]: DESIGN });
    expect(await say(h, t2, "alice", "/approve")).toContain("design approved by alice");
    await push(h, BRANCH, { [`${SPEC.T2}/requirements.md`]: REQUIREMENTS });
    expect(await say(h, t2, "carol", "/approve")).toContain("spec approved by carol");
    await push(h, BRANCH, { [`${SPEC.T2}/tasks.md`]: TASKS_OPEN });
    const last = await push(h, BRANCH, { [`${SPEC.T2}/tasks.md`]: TASKS_DONE });
    await ciPasses(h, last);
    expect(await say(h, t2, "alice", "/approve")).toContain("execute approved by alice");

    // The end state on GitHub: both issues closed as completed, the milestone closed, the dashboard at 100 %.
    expect(issue(h, t2)).toMatchObject({ state: "closed", stateReason: "completed" });
    expect(h.gh.repo(OWNER, REPO).milestones.map((m) => [m.title, m.state])).toEqual([["Milestone one", "closed"]]);
    expect(dashboard(h).body).toContain("100");

    // The log: a verified chain telling the whole story in order.
    const events = logOf(h);
    const story = events
      .filter((e) => ["phase_started", "phase_approved", "phase_rejected", "kiro_task_completed"].includes(e.event))
      .map((e) => [e.event, e.task_id, e.phase ?? ""].join(" ").trim());
    expect(story).toEqual([
      "phase_started T1 design",
      "phase_approved T1 design",
      "phase_started T1 spec",
      "phase_rejected T1 spec",
      "phase_approved T1 spec",
      "phase_started T1 task",
      "phase_started T1 execute",
      "phase_approved T1 execute",
      "kiro_task_completed T1",
      "phase_started T2 design",
      "phase_approved T2 design",
      "phase_started T2 spec",
      "phase_approved T2 spec",
      "phase_started T2 task",
      "phase_started T2 execute",
      "phase_approved T2 execute",
      "kiro_task_completed T2",
    ]);
    expect(events.map((e) => e.event)).toContain("milestone_completed");
    expect(events.find((e) => e.event === "progress_updated" && e.details.percentage === 100)).toBeDefined();
  }, 60_000);

  it("with auto_start off, ready tasks wait for /start or a claim; who may act is checked before the state", async () => {
    const plan = planYaml({ settings: "auto_start: false" });
    const h = await createHarness({ [PLAN_PATH]: plan });
    const sha = h.gh.resolve(OWNER, REPO, "main")!;
    await h.deliver("push", pushPayload(sha, [PLAN_PATH]));
    const [t1, board] = [issueOf(h, "T1"), dashboard(h).number];

    // A read-only user's /approve on a planned milestone: told what they lack, not "activate it first".
    const early = await say(h, t1, "mallory", "/approve");
    expect(early).toContain("mallory is not an approver");
    expect(early).not.toContain("activate");

    await say(h, board, "carol", "/activate");
    expect(issue(h, t1).labels).toContain("phasegate: ready");
    // The refusal names a command that works where it is printed: a comment, not a terminal.
    expect(await say(h, t1, "alice", "/approve")).toContain("comment `/start T1`");
    expect(await say(h, t1, "mallory", "/start")).toContain("mallory has read access; start needs write");
    expect(await say(h, board, "carol", "/start T1")).toContain("T1: design started");
    expect(phaseLabel(h, t1)).toEqual(["phase: design"]);
    expect(
      logOf(h)
        .filter((e) => e.event === "phase_started")
        .map((e) => e.task_id),
    ).toEqual(["T1"]);
  }, 60_000);
});
