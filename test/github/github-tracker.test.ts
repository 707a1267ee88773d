import { afterEach, describe, expect, it } from "vitest";
import { dashboardMarker, milestoneMarker, taskMarker, type TrackerOp } from "../../core/index.js";
import { createGitHubPorts } from "../../github/index.js";
import { NAME, OWNER, setupGitHub } from "./github-setup.js";

let env = setupGitHub({ "README.md": "# Rocket\n" });
afterEach(() => expect(env.gh.violations).toEqual([]));

function ports() {
  env = setupGitHub({ "README.md": "# Rocket\n" });
  return createGitHubPorts({
    octokit: env.octokit(),
    owner: OWNER,
    repo: NAME,
    clock: env.clock,
    defaultBranch: "main",
  });
}

const issue = (task: string, milestone: number | null): TrackerOp => ({
  kind: "create-issue",
  marker: taskMarker("m1", task),
  issue: {
    title: `${task}: work`,
    body: `${taskMarker("m1", task)}\nDo ${task}.`,
    labels: ["phasegate"],
    assignees: [],
    milestone,
    state: "open",
  },
});

describe("GitHubTracker", () => {
  it("round-trips what it creates through readProjection", async () => {
    const { tracker } = ports();
    expect(await tracker.readProjection("m1")).toEqual({ issues: [], labels: [] });
    await tracker.apply({
      kind: "create-label",
      label: { name: "phasegate", color: "5319e7", description: "Managed" },
    });
    const ms = await tracker.apply({
      kind: "create-milestone",
      marker: milestoneMarker("m1"),
      milestone: { title: "M1", description: `${milestoneMarker("m1")}\n0%`, dueOn: "2026-03-01", state: "open" },
    });
    if (ms.kind !== "milestone") throw new Error(ms.kind);
    expect(ms.milestone.dueOn).toBe("2026-03-01");
    const [t1, t2] = [
      await tracker.apply(issue("T1", ms.milestone.number)),
      await tracker.apply(issue("T2", ms.milestone.number)),
    ];
    if (t1.kind !== "issue" || t2.kind !== "issue") throw new Error("not issues");
    // Outside the milestone: not listed once the milestone exists (the list is by milestone).
    await tracker.apply(issue("T3", null));
    await tracker.apply({ kind: "add-sub-issue", parent: t1.issue.number, child: t2.issue });
    await tracker.apply({ kind: "add-blocked-by", issue: t2.issue.number, blocker: t1.issue });
    env.gh.createIssue({
      owner: OWNER,
      repo: NAME,
      title: "stray",
      body: `${dashboardMarker("other")}`,
      labels: ["phasegate"],
    });
    await tracker.apply({
      kind: "update-issue",
      number: t2.issue.number,
      issue: { state: "closed", stateReason: "not_planned" },
    });
    const projection = await tracker.readProjection("m1");
    expect(projection.milestone).toEqual({
      number: 1,
      title: "M1",
      description: `${milestoneMarker("m1")}\n0%`,
      dueOn: "2026-03-01",
      state: "open",
      url: "https://github.com/acme/rocket/milestone/1",
    });
    expect(projection.labels).toEqual([{ name: "phasegate", color: "5319e7", description: "Managed" }]);
    expect(projection.issues.map((i) => [i.title, i.parent, i.blockedByCount, i.state, i.stateReason])).toEqual([
      ["T1: work", null, 0, "open", null],
      ["T2: work", t1.issue.number, 1, "closed", "not_planned"],
    ]);
    expect(await tracker.listBlockedBy(t2.issue.number)).toEqual([t1.issue.number]);
    expect((await tracker.getIssue(t1.issue.number))?.labels).toEqual(["phasegate"]);
    expect(await tracker.getIssue(999)).toBeUndefined();
  });

  it("makes exactly one issue when the create's response is lost", async () => {
    const { tracker } = ports();
    env.gh.inject({ method: "POST", path: /\/issues$/, lostResponse: true });
    const result = await tracker.apply(issue("T1", null));
    expect(result).toMatchObject({ kind: "issue", issue: { number: 1, title: "T1: work" } });
    expect(env.gh.repo(OWNER, NAME).issues).toHaveLength(1);
    expect(env.gh.pendingFaults()).toEqual([]);
  });

  it("treats an existing label after a lost create as done", async () => {
    const { tracker } = ports();
    env.gh.inject({ method: "POST", path: /\/labels$/, lostResponse: true });
    const label = { name: "phasegate: ready", color: "0e8a16", description: "Ready" };
    expect(await tracker.apply({ kind: "create-label", label })).toEqual({ kind: "label", label });
    expect(env.gh.repo(OWNER, NAME).labels.filter((l) => l.name === label.name)).toHaveLength(1);
  });

  it("revalidates an unchanged projection with 304s only", async () => {
    const { tracker, stats } = ports();
    await tracker.apply(issue("T1", null));
    await tracker.readProjection("m1");
    env.gh.resetLog();
    const before = stats.notModified;
    await tracker.readProjection("m1");
    expect(env.gh.count()).toBe(3);
    expect(env.gh.count({ status: 304 })).toBe(3);
    expect(stats.notModified - before).toBe(3);
  });

  it("writes comments, reactions, a check run with 120 annotations and a status", async () => {
    const { tracker } = ports();
    const t1 = await tracker.apply(issue("T1", null));
    if (t1.kind !== "issue") throw new Error(t1.kind);
    const made = await tracker.apply({
      kind: "create-comment",
      issue: t1.issue.number,
      marker: "<!-- x -->",
      body: "<!-- x -->\nhi",
    });
    if (made.kind !== "comment") throw new Error(made.kind);
    await tracker.apply({ kind: "update-comment", id: made.comment.id, body: "<!-- x -->\nbye" });
    await tracker.apply({ kind: "react", target: { comment: made.comment.id }, content: "+1" });
    await tracker.apply({ kind: "react", target: { issue: t1.issue.number }, content: "eyes" });
    expect(await tracker.listComments(t1.issue.number)).toEqual([
      { id: made.comment.id, author: "phasegate[bot]", body: "<!-- x -->\nbye" },
    ]);
    const sha = env.gh.resolve(OWNER, NAME, "main") as string;
    const annotations = Array.from({ length: 120 }, (_, i) => ({
      path: "p.yml",
      line: i + 1,
      level: "warning" as const,
      message: `m${i}`,
    }));
    env.gh.resetLog();
    await tracker.apply({
      kind: "check-run",
      check: { name: "phasegate/plan", sha, conclusion: "failure", title: "t", summary: "s", annotations },
    });
    expect(env.gh.count({ method: "POST" })).toBe(1);
    expect(env.gh.count({ method: "PATCH" })).toBe(2);
    expect(env.gh.repo(OWNER, NAME).checkRuns[0]).toMatchObject({
      name: "phasegate/plan",
      output: { annotations_count: 120 },
    });
    await tracker.apply({
      kind: "status",
      sha,
      context: "phasegate/phase",
      state: "success",
      description: "x".repeat(300),
    });
    expect(env.gh.repo(OWNER, NAME).statuses[0]?.description).toHaveLength(140);
    expect(env.gh.repo(OWNER, NAME).reactions).toHaveLength(2);
  });
});

describe("the reads of a sync of a 200-task milestone", () => {
  it("take 6 repository reads (5 once the branch exists) and 4 list pages", async () => {
    env = setupGitHub({ ".milestones/plans/m1.yml": "id: m1\n", ".milestones/logs/m1.jsonl": "a\n" });
    const { repo, tracker } = createGitHubPorts({
      octokit: env.octokit(),
      owner: OWNER,
      repo: NAME,
      clock: env.clock,
      defaultBranch: "main",
    });
    const ms = await tracker.apply({
      kind: "create-milestone",
      marker: milestoneMarker("m1"),
      milestone: { title: "M1", description: milestoneMarker("m1"), dueOn: null, state: "open" },
    });
    if (ms.kind !== "milestone") throw new Error(ms.kind);
    for (let i = 1; i <= 200; i++)
      env.gh.createIssue({
        owner: OWNER,
        repo: NAME,
        title: `T${i}`,
        body: taskMarker("m1", `T${i}`),
        labels: ["phasegate"],
      });
    for (const i of env.gh.repo(OWNER, NAME).raw.issues.values()) i.milestone = ms.milestone.number;
    env.gh.resetLog();
    const plan = await repo.snapshot("main");
    await plan.list(".milestones/plans");
    await plan.read(".milestones/plans/m1.yml");
    const work = await repo.work("milestone/m1");
    await work.read(".milestones/logs/m1.jsonl");
    const repoReads = env.gh.count();
    const projection = await tracker.readProjection("m1");
    expect(projection.issues).toHaveLength(200);
    // tree, blob; one GraphQL query for the branch (missing), one for the default branch, one for the log.
    expect(repoReads).toBe(5);
    expect(env.gh.count() - repoReads).toBe(1 + 2 + 1);
  });
});
