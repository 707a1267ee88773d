import { describe, expect, it } from "vitest";
import { parseLog } from "../../core/index.js";
import { REQUIREMENTS, TASKS_OPEN } from "../helpers/sample-plan.js";
import { example } from "./webhook-examples.js";
import {
  APPROVE_OPERATIONS,
  commentPayload,
  createHarness,
  DESIGN,
  LOG_PATH,
  OWNER,
  PLAN_PATH,
  pullPayload,
  pushPayload,
  REPO,
  reviewPayload,
  startT1,
  type Harness,
} from "./app-harness.js";

const GATE = "phasegate/gate";
const BRANCH = "milestone/m1";
const DESIGN_PATH = ".kiro/specs/first/design.md";

/**
 * T1 owns src/auth/**, T2 owns src/billing/**; alice approves; `t1Approval` replaces T1's rule;
 * `taskApproval`: T1's `task` phase needs an approval too.
 */
function gatePlan(options: { t1Approval?: string; t1Paths?: string; taskApproval?: boolean } = {}): string {
  return [
    "version: 1",
    "id: m1",
    "title: Milestone one",
    "approvers: [alice]",
    "tasks:",
    "  - id: T1",
    "    title: First task",
    "    spec: first",
    "    assignees: [bob]",
    `    paths: ${options.t1Paths ?? "[src/auth/**, /docs/auth.md]"}`,
    ...(options.t1Approval ? [`    approval: ${options.t1Approval}`] : []),
    ...(options.taskApproval
      ? ["    kiro_workflow:", "      phases:", "        task: { approval_required: true }"]
      : []),
    "  - id: T2",
    "    title: Second task",
    "    spec: second",
    "    dependencies: [T1]",
    "    paths: [src/billing/]",
    "",
  ].join("\n");
}

async function harness(plan = gatePlan()): Promise<Harness> {
  const h = await createHarness({ [PLAN_PATH]: plan });
  h.gh.setPermission(OWNER, REPO, "dana", "maintain");
  return h;
}

function gateRuns(h: Harness, sha: string) {
  return h.gh.repo(OWNER, REPO).checkRuns.filter((r) => r.name === GATE && r.head_sha === sha);
}

/** The newest `phasegate/gate` run on `sha`. */
function gate(h: Harness, sha: string) {
  const run = gateRuns(h, sha).at(-1);
  if (!run) throw new Error(`no ${GATE} run on ${sha}`);
  return {
    conclusion: run.conclusion as string,
    title: run.output.title as string,
    summary: run.output.summary as string,
  };
}

function logOf(h: Harness) {
  const parsed = parseLog(h.gh.readFile(OWNER, REPO, BRANCH, LOG_PATH) ?? "", "m1");
  expect(parsed.problem).toBeUndefined();
  return parsed.events;
}

function replyTo(h: Harness, commentId: number): string {
  const reply = h.gh.repo(OWNER, REPO).comments.find((c) => c.body.includes(`reply comment=${commentId}`));
  if (!reply) throw new Error(`no reply to comment ${commentId}`);
  return reply.body;
}

async function say(h: Harness, number: number, login: string, body: string, pull = false) {
  const payload = await commentPayload(h, number, body, login, { pull });
  await h.deliver("issue_comment", payload);
  expect(h.gh.violations).toEqual([]);
  return { reply: replyTo(h, payload.comment.id), payload };
}

/** `bob` pushes `files` to the milestone branch; the App hears the push and advances. */
async function push(h: Harness, files: Record<string, string>): Promise<void> {
  const sha = h.gh.commitFiles(OWNER, REPO, BRANCH, files, "Work");
  const payload = pushPayload(sha, Object.keys(files), "bob");
  payload.ref = `refs/heads/${BRANCH}`;
  await h.deliver("push", payload);
  expect(h.gh.violations).toEqual([]);
}

/** T1's design and spec written and approved, and its task list pushed, as people do it on GitHub. */
async function writeT1UpToTasks(h: Harness, t1: number): Promise<void> {
  await push(h, { [DESIGN_PATH]: DESIGN });
  await say(h, t1, "alice", "/approve");
  await push(h, { ".kiro/specs/first/requirements.md": REQUIREMENTS });
  await say(h, t1, "alice", "/approve");
  await push(h, { ".kiro/specs/first/tasks.md": TASKS_OPEN });
}

/** T1 through design, spec and task on the milestone branch (its `task` phase needs no approval). */
async function passTaskGateOfT1(h: Harness, t1: number): Promise<void> {
  await writeT1UpToTasks(h, t1);
  const t = logOf(h)
    .filter((e) => e.task_id === "T1" && e.event === "phase_completed")
    .map((e) => e.phase);
  expect(t).toEqual(["design", "spec", "task"]);
}

describe("phasegate/gate on pull requests into the default branch", () => {
  it("holds a change to a task's paths until its Task gate has passed, then passes; a redelivery writes nothing", async () => {
    const h = await harness();
    const t1 = await startT1(h);
    const pr = pullPayload(h, { head: "feature", files: { "src/auth/login.ts": "export const login = 1;\n" } });
    await h.deliver("pull_request", pr.payload);
    expect(h.gh.violations).toEqual([]);
    expect(gate(h, pr.sha)).toMatchObject({ conclusion: "failure", title: "Held by m1/T1" });
    expect(gate(h, pr.sha).summary).toContain("`m1/T1` (in design): its `task` gate has not passed");
    expect(gate(h, pr.sha).summary).toContain("src/auth/login.ts");
    // Who can approve: the gate's one line (explainGates), once the design validated.
    await push(h, { [DESIGN_PATH]: DESIGN });
    await h.deliver("pull_request", { ...pr.payload, action: "synchronize" });
    expect(gate(h, pr.sha).summary).toContain("needs 1 of alice");

    const before = h.gh.repo(OWNER, REPO).checkRuns.length;
    h.gh.resetLog();
    await h.deliver("pull_request", { ...pr.payload, action: "synchronize" });
    expect(h.gh.repo(OWNER, REPO).checkRuns.length).toBe(before);
    expect(h.gh.requests.filter((r) => r.write)).toEqual([]);

    const held = gateRuns(h, pr.sha).length;
    // The push that passes T1's Task gate (its `task` phase has no approval) re-judges the pull request.
    await passTaskGateOfT1(h, t1);
    expect(gate(h, pr.sha)).toMatchObject({ conclusion: "success", title: "No task's code before its Task gate" });
    expect(gateRuns(h, pr.sha)).toHaveLength(held + 1);
    await h.deliver("pull_request", { ...pr.payload, action: "synchronize" });
    expect(gateRuns(h, pr.sha)).toHaveLength(held + 1);
  });

  it("passes a change that belongs to no task, and holds a change to another task's folder", async () => {
    const h = await harness();
    await startT1(h);
    const free = pullPayload(h, { head: "free", files: { "README.md": "hello\n", "src/other.ts": "x\n" } });
    await h.deliver("pull_request", free.payload);
    expect(gate(h, free.sha).conclusion).toBe("success");
    const billing = pullPayload(h, { head: "billing", files: { "src/billing/pay.ts": "pay\n" } });
    await h.deliver("pull_request", billing.payload);
    expect(gate(h, billing.sha)).toMatchObject({ conclusion: "failure", title: "Held by m1/T2" });
    expect(gate(h, billing.sha).summary).toContain("(not started)");
    // `/docs/auth.md` is anchored at the root: a nested docs/auth.md elsewhere is not T1's.
    const nested = pullPayload(h, { head: "nested", files: { "web/docs/auth.md": "x\n" } });
    await h.deliver("pull_request", nested.payload);
    expect(gate(h, nested.sha).conclusion).toBe("success");
  });

  it("holds the task's linked pull request whatever it changes, except the task's own planning documents", async () => {
    const h = await harness();
    const t1 = await startT1(h);
    const linked = pullPayload(h, {
      head: "linked",
      files: { "lib/anything.ts": "x\n" },
      body: `Closes #${t1}`,
    });
    await h.deliver("pull_request", linked.payload);
    expect(gate(h, linked.sha)).toMatchObject({ conclusion: "failure", title: "Held by m1/T1" });
    expect(gate(h, linked.sha).summary).toContain("it is the task's linked pull request");
    const docs = pullPayload(h, {
      head: "docs",
      files: { [DESIGN_PATH]: DESIGN },
      body: "Phasegate-Task: m1/T1",
    });
    await h.deliver("pull_request", docs.payload);
    expect(gate(h, docs.sha).conclusion).toBe("success");
  });

  it("holds an edit of an approved deliverable until that content is approved again", async () => {
    const h = await harness(gatePlan({ t1Approval: "[{ count: 2, from: [alice, carol] }]" }));
    const t1 = await startT1(h);
    await push(h, { [DESIGN_PATH]: DESIGN });
    await say(h, t1, "alice", "/approve");
    const revised = `${DESIGN}\n## Risks\n\nNone known.\n`;
    const pr = pullPayload(h, { head: "edit-design", files: { [DESIGN_PATH]: revised } });
    await h.deliver("pull_request", pr.payload);
    expect(gate(h, pr.sha)).toMatchObject({ conclusion: "failure", title: "Held by m1/T1" });
    expect(gate(h, pr.sha).summary).toContain(`\`${DESIGN_PATH}\` changed after \`design\` was approved by alice`);
    expect(gate(h, pr.sha).summary).toContain("needs 2 of alice | carol");
    // The revision reaches the milestone branch (the old approval is revoked) and is approved again.
    await push(h, { [DESIGN_PATH]: revised });
    expect(logOf(h).map((e) => e.event)).toContain("approval_revoked");
    await say(h, t1, "alice", "/approve");
    await h.deliver("pull_request", { ...pr.payload, action: "synchronize" });
    expect(gate(h, pr.sha).conclusion).toBe("success");
  });

  it("a maintainer's /override-gate passes this head only, recorded once in the log; others are refused with a reply", async () => {
    const h = await harness();
    await startT1(h);
    const pr = pullPayload(h, { head: "hotfix", files: { "src/auth/fix.ts": "fix\n" } });
    await h.deliver("pull_request", pr.payload);
    expect(gate(h, pr.sha).conclusion).toBe("failure");

    const refused = await say(h, pr.number, "alice", "/override-gate prod is down", true);
    expect(refused.reply).toContain("Not done: alice has write access; override-gate needs maintain");
    expect(refused.reply).toContain("Who can: a collaborator with maintain access");
    const empty = await say(h, pr.number, "dana", "/override-gate", true);
    expect(empty.reply).toContain("Not done: a reason is required");
    expect(logOf(h).some((e) => e.event === "gate_overridden")).toBe(false);
    expect(gate(h, pr.sha).conclusion).toBe("failure");

    const done = await say(h, pr.number, "dana", "/override-gate prod is down, T1 follows", true);
    expect(done.reply).toContain("phasegate/gate overridden by dana");
    expect(gate(h, pr.sha)).toMatchObject({ conclusion: "success", title: "Overridden by dana" });
    const overrides = () => logOf(h).filter((e) => e.event === "gate_overridden");
    expect(overrides()).toHaveLength(1);
    expect(overrides()[0]).toMatchObject({
      actor: "dana",
      details: { pr: pr.number, sha: pr.sha, reason: "prod is down, T1 follows", tasks: ["T1"] },
    });
    // The same delivery again, and the same command in a new comment: nothing more is written.
    const runs = gateRuns(h, pr.sha).length;
    await h.deliver("issue_comment", done.payload);
    await say(h, pr.number, "dana", "/override-gate again", true);
    expect(overrides()).toHaveLength(1);
    expect(gateRuns(h, pr.sha)).toHaveLength(runs);
    // The pull request's own events keep the override for its head.
    await h.deliver("pull_request", { ...pr.payload, action: "edited" });
    expect(gate(h, pr.sha).conclusion).toBe("success");

    // A new push is a new head: held again until overridden again.
    const next = pullPayload(h, { head: "hotfix", files: { "src/auth/fix.ts": "fix 2\n" }, action: "synchronize" });
    next.payload.number = pr.number;
    next.payload.pull_request.number = pr.number;
    await h.deliver("pull_request", next.payload);
    expect(gate(h, next.sha).conclusion).toBe("failure");
  });

  it("judges a pull request from a fork through API reads only, on its head commit", async () => {
    const h = await harness();
    await startT1(h);
    const sha = h.gh.commitFiles(OWNER, REPO, "fork-feature", { "src/auth/evil.ts": "steal()\n" }, "Fork work");
    const number = h.gh.createPullRequest({ owner: OWNER, repo: REPO, head: "eve:fork-feature", user: "eve" });
    const { payload } = pullPayload(h, { head: "decoy", files: { "x.md": "x\n" } });
    const forkRepo = {
      ...payload.pull_request.head.repo,
      full_name: "eve/rocket",
      fork: true,
      owner: { login: "eve" },
    };
    Object.assign(payload.pull_request, {
      number,
      user: { ...payload.pull_request.user, login: "eve" },
      head: { ...payload.pull_request.head, sha, ref: "fork-feature", repo: forkRepo },
    });
    payload.number = number;
    h.gh.resetLog();
    await h.deliver("pull_request", payload);
    expect(h.gh.violations).toEqual([]);
    expect(gate(h, sha)).toMatchObject({ conclusion: "failure", title: "Held by m1/T1" });
    expect(h.gh.requests.every((r) => !r.path.includes("/repos/eve/"))).toBe(true);
  });

  it("ignores a plan change in the same pull request that drops the task's paths: the default branch's plan rules", async () => {
    const h = await harness();
    await startT1(h);
    const pr = pullPayload(h, {
      head: "sneaky",
      files: {
        [PLAN_PATH]: gatePlan({ t1Paths: "[]" }),
        "src/auth/backdoor.ts": "open()\n",
      },
    });
    await h.deliver("pull_request", pr.payload);
    expect(gate(h, pr.sha)).toMatchObject({ conclusion: "failure", title: "Held by m1/T1" });
    expect(gate(h, pr.sha).summary).toContain("src/auth/backdoor.ts");
    expect(gate(h, pr.sha).summary).not.toContain(PLAN_PATH);
  });

  it("leaves pull requests into a milestone branch to phasegate/phase", async () => {
    const h = await harness();
    await startT1(h);
    const pr = pullPayload(h, {
      head: "t1",
      base: BRANCH,
      files: { "src/auth/a.ts": "a\n" },
      body: "Phasegate-Task: m1/T1",
    });
    await h.deliver("pull_request", pr.payload);
    expect(gateRuns(h, pr.sha)).toEqual([]);
    expect(h.gh.repo(OWNER, REPO).checkRuns.some((r) => r.name === "phasegate/phase" && r.head_sha === pr.sha)).toBe(
      true,
    );
  });
});

/** The recorded `check_run.rerequested` payload: the "Re-run" button on check `name` of `sha`. */
function rerunPayload(name: string, sha: string, pulls: { number: number; base: string }[]) {
  const payload = example("check_run", "rerequested");
  Object.assign(payload.check_run, {
    name,
    head_sha: sha,
    pull_requests: pulls.map((p) => ({
      url: `https://api.github.com/repos/${OWNER}/${REPO}/pulls/${p.number}`,
      id: 900_000 + p.number,
      number: p.number,
      head: { ref: "feature", sha, repo: { id: 1, url: `https://api.github.com/repos/${OWNER}/${REPO}`, name: REPO } },
      base: { ref: p.base, sha, repo: { id: 1, url: `https://api.github.com/repos/${OWNER}/${REPO}`, name: REPO } },
    })),
  });
  payload.sender = { ...payload.sender, login: "bob", type: "User" };
  return payload;
}

/** The plan on the default branch changes without a webhook: T1 no longer owns src/auth/. */
function movePathsOfT1(h: Harness): void {
  h.gh.commitFiles(OWNER, REPO, "main", { [PLAN_PATH]: gatePlan({ t1Paths: "[lib/auth/**]" }) }, "T1 moves");
}

describe("phasegate/gate judged again without a push", () => {
  it("turns green when the /approve that completes the Task gate lands, for the linked and the path-matching pull requests only", async () => {
    const h = await harness(gatePlan({ taskApproval: true }));
    const t1 = await startT1(h);
    const byPath = pullPayload(h, { head: "by-path", files: { "src/auth/login.ts": "login\n" } });
    const linked = pullPayload(h, { head: "linked", files: { "lib/x.ts": "x\n" }, body: `Closes #${t1}` });
    const other = pullPayload(h, { head: "other", files: { "README.md": "hi\n" } });
    for (const pr of [byPath, linked, other]) await h.deliver("pull_request", pr.payload);
    expect([byPath, linked, other].map((pr) => gate(h, pr.sha).conclusion)).toEqual(["failure", "failure", "success"]);

    await writeT1UpToTasks(h, t1);
    // Two approvals that passed no Task gate, and the `task` phase waiting for its approval: still held.
    expect(gate(h, byPath.sha).conclusion).toBe("failure");
    const runs = (pr: { sha: string }) => gateRuns(h, pr.sha).length;
    const before = [runs(byPath), runs(linked), runs(other)];

    const approval = await say(h, t1, "alice", "/approve");
    expect(
      logOf(h)
        .filter((e) => e.event === "phase_completed" && e.task_id === "T1")
        .map((e) => e.phase),
    ).toEqual(["design", "spec", "task"]);
    expect(gate(h, byPath.sha)).toMatchObject({ conclusion: "success" });
    expect(gate(h, linked.sha)).toMatchObject({ conclusion: "success" });
    expect([runs(byPath), runs(linked), runs(other)]).toEqual([before[0]! + 1, before[1]! + 1, before[2]]);

    // The same delivery again: the reply is found, no check run is written.
    h.gh.resetLog();
    await h.deliver("issue_comment", approval.payload);
    expect(h.gh.requests.filter((r) => r.write).map((r) => r.operation)).toEqual([
      "reactions/create-for-issue-comment",
    ]);
    expect([runs(byPath), runs(linked), runs(other)]).toEqual([before[0]! + 1, before[1]! + 1, before[2]]);
  });

  it("reads the default branch's plans, the settings and the log once for all the pull requests it judges again (ADR 36)", async () => {
    const h = await harness(gatePlan({ taskApproval: true }));
    const t1 = await startT1(h);
    const prs = [
      pullPayload(h, { head: "login", files: { "src/auth/login.ts": "login\n" } }),
      pullPayload(h, { head: "logout", files: { "src/auth/logout.ts": "logout\n" } }),
      pullPayload(h, { head: "linked", files: { "lib/x.ts": "x\n" }, body: `Closes #${t1}` }),
    ];
    const other = pullPayload(h, { head: "other", files: { "README.md": "hi\n" } });
    for (const pr of [...prs, other]) await h.deliver("pull_request", pr.payload);
    await writeT1UpToTasks(h, t1);
    expect(prs.map((pr) => gate(h, pr.sha).conclusion)).toEqual(["failure", "failure", "failure"]);
    const otherRuns = gateRuns(h, other.sha).length;

    const approval = await commentPayload(h, t1, "/approve", "alice");
    h.gh.resetLog();
    await h.deliver("issue_comment", approval);
    expect(h.gh.violations).toEqual([]);
    expect(prs.map((pr) => gate(h, pr.sha))).toEqual(
      prs.map(() => expect.objectContaining({ conclusion: "success", title: "No task's code before its Task gate" })),
    );
    expect(gateRuns(h, other.sha)).toHaveLength(otherRuns);
    // The /approve's 10; the open pull requests, the linked one's task issue and each one's files;
    // then per pull request only its head's runs and the new run. The default branch's plans and
    // settings, its tree, the milestone's log (just written) and the task issue are not read again:
    // 32 requests before the per-delivery cache.
    const made = h.gh.requests.filter((r) => r.operation !== "apps/create-installation-access-token");
    const ops = made.map((r) => r.operation);
    // In the order GitHub lists the pull requests (most recently updated first) after the /approve's.
    expect([...ops.slice(0, 11), ...ops.slice(11).sort()]).toEqual([
      ...APPROVE_OPERATIONS,
      "pulls/list",
      ...["checks/create", "checks/create", "checks/create"],
      ...["checks/list-for-ref", "checks/list-for-ref", "checks/list-for-ref"],
      "issues/get",
      ...["pulls/list-files", "pulls/list-files", "pulls/list-files", "pulls/list-files"],
    ]);
  });

  it("turns green when an approving review completes the Task gate", async () => {
    const h = await harness(gatePlan({ taskApproval: true }));
    const t1 = await startT1(h);
    const pr = pullPayload(h, { head: "feature", files: { "src/auth/login.ts": "login\n" } });
    await h.deliver("pull_request", pr.payload);
    await writeT1UpToTasks(h, t1);
    expect(gate(h, pr.sha).conclusion).toBe("failure");
    const body = "Phasegate-Task: m1/T1";
    const tasks = pullPayload(h, {
      head: "t1-tasks",
      base: BRANCH,
      files: { ".kiro/specs/first/tasks.md": `${TASKS_OPEN}\n` },
      body,
    });
    await h.deliver("pull_request_review", reviewPayload({ number: tasks.number, body }, "alice", "approved"));
    expect(h.gh.violations).toEqual([]);
    expect(logOf(h).some((e) => e.event === "phase_completed" && e.phase === "task")).toBe(true);
    expect(gate(h, pr.sha).conclusion).toBe("success");
  });

  it("the Re-run button on phasegate/gate judges the pull request again; an unchanged verdict writes nothing", async () => {
    const h = await harness();
    await startT1(h);
    const pr = pullPayload(h, { head: "feature", files: { "src/auth/login.ts": "login\n" } });
    await h.deliver("pull_request", pr.payload);
    expect(gate(h, pr.sha).conclusion).toBe("failure");
    const rerun = rerunPayload(GATE, pr.sha, [{ number: pr.number, base: "main" }]);

    h.gh.resetLog();
    await h.deliver("check_run", rerun);
    expect(h.gh.violations).toEqual([]);
    expect(h.gh.requests.filter((r) => r.write)).toEqual([]);

    movePathsOfT1(h);
    await h.deliver("check_run", rerun);
    expect(gate(h, pr.sha)).toMatchObject({ conclusion: "success" });
    const after = gateRuns(h, pr.sha).length;
    await h.deliver("check_run", rerun);
    expect(gateRuns(h, pr.sha)).toHaveLength(after);
    // Another check's re-run (CI's, or phasegate/plan) is not the gate's: nothing is read.
    h.gh.resetLog();
    await h.deliver("check_run", rerunPayload("build", pr.sha, [{ number: pr.number, base: "main" }]));
    expect(h.gh.requests.filter((r) => r.operation !== "apps/create-installation-access-token")).toEqual([]);
  });

  it("re-running the checks of a fork's pull request finds it by its head commit, through API reads only", async () => {
    const h = await harness();
    await startT1(h);
    const sha = h.gh.commitFiles(OWNER, REPO, "fork-feature", { "src/auth/evil.ts": "steal()\n" }, "Fork work");
    const number = h.gh.createPullRequest({ owner: OWNER, repo: REPO, head: "eve:fork-feature", user: "eve" });
    const suite = example("check_suite", "rerequested");
    Object.assign(suite.check_suite, { head_sha: sha, head_branch: null, pull_requests: [] });
    suite.sender = { ...suite.sender, login: "eve", type: "User" };
    await h.deliver("check_suite", suite);
    expect(h.gh.violations).toEqual([]);
    expect(gate(h, sha)).toMatchObject({ conclusion: "failure", title: "Held by m1/T1" });
    expect(gate(h, sha).summary).toContain(`#${number}`);

    movePathsOfT1(h);
    h.gh.resetLog();
    await h.deliver("check_suite", suite);
    expect(gate(h, sha).conclusion).toBe("success");
    expect(h.gh.requests.every((r) => !r.path.includes("/repos/eve/"))).toBe(true);
    expect(h.gh.requests.filter((r) => r.operation === "pulls/list")).toHaveLength(1);
  });

  it("re-running the checks of a pull request into a milestone branch writes its phasegate/phase", async () => {
    const h = await harness();
    await startT1(h);
    const sha = h.gh.commitFiles(OWNER, REPO, "t1-work", { "src/auth/a.ts": "a\n" }, "Work");
    const number = h.gh.createPullRequest({
      owner: OWNER,
      repo: REPO,
      head: "t1-work",
      base: BRANCH,
      body: "Phasegate-Task: m1/T1",
      user: "bob",
    });
    await h.deliver("check_run", rerunPayload("phasegate/phase", sha, [{ number, base: BRANCH }]));
    expect(h.gh.violations).toEqual([]);
    const phase = h.gh.repo(OWNER, REPO).checkRuns.filter((r) => r.name === "phasegate/phase" && r.head_sha === sha);
    expect(phase).toHaveLength(1);
    expect(gateRuns(h, sha)).toEqual([]);
  });
});
