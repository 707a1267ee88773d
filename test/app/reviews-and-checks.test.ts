import { describe, expect, it } from "vitest";
import {
  commentPayload,
  createHarness,
  DESIGN,
  LOG_PATH,
  OWNER,
  planYaml,
  PLAN_PATH,
  pullPayload,
  REPO,
  reviewPayload,
  startT1,
  logEvents,
} from "./app-harness.js";
import { example } from "./webhook-examples.js";

const logOf = (h: Awaited<ReturnType<typeof createHarness>>) => logEvents(h).map((e) => e.event);

describe("pull request reviews", () => {
  it("an approving review from an approver approves the linked task's phase", async () => {
    const h = await createHarness();
    await startT1(h);
    const { number } = pullPayload(h, {
      head: "t1-design",
      base: "milestone/m1",
      files: { ".kiro/specs/first/design.md": `${DESIGN}\nRevised.\n` },
      body: "Phasegate-Task: m1/T1",
    });
    await h.deliver(
      "pull_request_review",
      reviewPayload({ number, body: "Phasegate-Task: m1/T1" }, "alice", "approved"),
    );
    expect(h.gh.violations).toEqual([]);
    expect(logOf(h)).toContain("phase_approved");
    const reply = h.gh.repo(OWNER, REPO).comments.find((c) => c.issue_url.endsWith(`/issues/${number}`));
    expect(reply?.body).toContain(`Approving review of #${number} for m1/T1, phase design`);
  });

  it("changes requested rejects with the review's text", async () => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const { number } = pullPayload(h, {
      head: "t1-design",
      base: "milestone/m1",
      files: { ".kiro/specs/first/design.md": `${DESIGN}\nRevised.\n` },
      body: `Closes #${t1}`,
    });
    await h.deliver(
      "pull_request_review",
      reviewPayload({ number, body: `Closes #${t1}` }, "alice", "changes_requested", "Needs a diagram"),
    );
    const log = (h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH) ?? "")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(log.at(-1)).toMatchObject({ event: "phase_rejected", details: { reason: "Needs a diagram" } });
  });

  it.each([
    ["an approving review from someone who is not an approver", planYaml(), "carol"],
    [
      "a PR that adds its own author to the approvers (the default branch's plan decides)",
      planYaml({ approvers: ["alice", "carol"] }),
      "carol",
    ],
  ])("refuses %s and changes nothing", async (_, headPlan, reviewer) => {
    const h = await createHarness();
    await startT1(h);
    const before = logOf(h);
    const body = "Phasegate-Task: m1/T1";
    const { number } = pullPayload(h, {
      head: "t1-x",
      base: "milestone/m1",
      files: { [PLAN_PATH]: headPlan, ".kiro/specs/first/design.md": `${DESIGN}\nRevised.\n` },
      body,
      user: reviewer,
    });
    await h.deliver("pull_request_review", reviewPayload({ number, body, user: reviewer }, reviewer, "approved"));
    expect(logOf(h)).toEqual(before);
    const reply = h.gh.repo(OWNER, REPO).comments.find((c) => c.issue_url.endsWith(`/issues/${number}`));
    expect(reply?.body).toContain("Not done:");
  });
});

describe("edited comments", () => {
  it("an edited /approve runs nothing", async () => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const before = logOf(h);
    const payload = await commentPayload(h, t1, "/approve", "alice");
    h.gh.resetLog();
    await h.deliver("issue_comment", { ...payload, action: "edited", changes: { body: { from: "hi" } } });
    expect(h.gh.requests).toEqual([]);
    expect(logOf(h)).toEqual(before);
  });
});

describe("plan and phase checks", () => {
  it("a PR with an invalid plan fails phasegate/plan with an annotation at file:line; a valid one previews the sync", async () => {
    const h = await createHarness();
    const bad = pullPayload(h, {
      head: "bad",
      files: { [PLAN_PATH]: planYaml().replace("dependencies: [T1]", "dependencies: [T9]") },
    });
    await h.deliver("pull_request", bad.payload);
    const good = pullPayload(h, {
      head: "good",
      files: { [PLAN_PATH]: planYaml().replace("Second task", "Second task, renamed") },
    });
    await h.deliver("pull_request", good.payload);
    expect(h.gh.violations).toEqual([]);
    const runs = h.gh.repo(OWNER, REPO).checkRuns;
    const failed = runs.find((r) => r.head_sha === bad.sha)!;
    expect(failed).toMatchObject({ name: "phasegate/plan", conclusion: "failure" });
    expect(failed.output.summary).toMatch(/\.milestones\/m1\.yaml:\d+:\d+: error/);
    const passed = runs.find((r) => r.head_sha === good.sha)!;
    expect(passed).toMatchObject({ name: "phasegate/plan", conclusion: "success" });
    expect(passed.output.summary).toContain('create issue "T2: Second task, renamed"');
    expect(h.gh.repo(OWNER, REPO).issues.filter((i) => !i.pull_request)).toEqual([]);
  });

  it("a PR into the milestone branch gets phasegate/phase from the task's deliverables at its head", async () => {
    const h = await createHarness();
    await startT1(h);
    const body = "Phasegate-Task: m1/T1";
    const empty = pullPayload(h, {
      head: "t1-empty",
      base: "milestone/m1",
      files: { ".kiro/specs/first/design.md": "" },
      body,
    });
    await h.deliver("pull_request", empty.payload);
    const full = pullPayload(h, {
      head: "t1-full",
      base: "milestone/m1",
      files: { ".kiro/specs/first/design.md": `${DESIGN}\nRevised.\n` },
      body,
    });
    await h.deliver("pull_request", full.payload);
    const runs = h.gh.repo(OWNER, REPO).checkRuns.filter((r) => r.name === "phasegate/phase");
    expect(runs.find((r) => r.head_sha === empty.sha)).toMatchObject({ conclusion: "failure" });
    expect(runs.find((r) => r.head_sha === full.sha)).toMatchObject({ conclusion: "success" });
  });
});

describe("blockers from CI", () => {
  it("a failing check suite on the milestone branch escalates once: blocked, a failing status, one comment", async () => {
    const h = await createHarness();
    await startT1(h);
    const sha = h.gh.resolve(OWNER, REPO, "milestone/m1")!;
    h.gh.setCheckState({ owner: OWNER, repo: REPO, ref: sha, name: "ci", conclusion: "failure" });
    const payload = example("check_suite", "completed");
    Object.assign(payload.check_suite, { conclusion: "failure", head_sha: sha, head_branch: "milestone/m1" });
    await h.deliver("check_suite", structuredClone(payload));
    h.gh.resetLog();
    await h.deliver("check_suite", structuredClone(payload));
    expect(h.gh.count({ write: true })).toBe(0);
    expect(h.gh.violations).toEqual([]);
    expect(logOf(h)).toEqual(expect.arrayContaining(["blocker_detected", "blockers_escalated"]));
    const repo = h.gh.repo(OWNER, REPO);
    expect(repo.statuses.filter((s) => s.context === "phasegate")).toEqual([
      expect.objectContaining({ state: "failure" }),
    ]);
    expect(repo.comments.filter((c) => c.body.includes("is blocked"))).toHaveLength(1);
    expect(repo.comments.find((c) => c.body.includes("is blocked"))?.body).toContain("@alice");
  });
});
