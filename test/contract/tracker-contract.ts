import { afterEach, describe, expect, it } from "vitest";
import {
  dashboardMarker,
  milestoneMarker,
  taskMarker,
  type IssueSpec,
  type TrackedIssue,
  type Tracker,
  type TrackerResult,
} from "../../core/index.js";

/** A tracker on an empty repository, a way to move its time on, and what to check at the end. */
export interface TrackerSetup {
  tracker: Tracker;
  /** Moves the tracker's clock on by `ms` (leases expire by it). */
  advance(ms: number): void;
  /** The tracker's time now (ms). */
  now(): number;
  /** A pull request changing `files` (path → text; null removes the file), and the head commit's sha. */
  pullRequest(files: Record<string, string | null>): Promise<{ number: number; sha: string }>;
  /** The repository dispatches received so far. */
  dispatches(): { eventType: string; payload: unknown }[];
  cleanup(): void | Promise<void>;
}

export type TrackerFactory = () => Promise<TrackerSetup>;

const LABEL = { name: "phasegate", color: "5319e7", description: "Managed by Phasegate" };

function spec(title: string, body: string, extra: Partial<IssueSpec> = {}): IssueSpec {
  return { title, body, labels: [], assignees: [], milestone: null, state: "open", ...extra };
}

function issueOf(result: TrackerResult): TrackedIssue {
  if (result.kind !== "issue") throw new Error(`expected an issue, got ${result.kind}`);
  return result.issue;
}

/**
 * What every `Tracker` promises, run against the in-memory one and the GitHub adapter (the fake
 * GitHub): what a write returns is what a later read sees; creates are found by their marker;
 * links, comments, reactions and the sync lease behave as GitHub's do.
 */
export function trackerContract(name: string, factory: TrackerFactory): void {
  describe(`Tracker contract: ${name}`, () => {
    let setup: TrackerSetup | undefined;
    const open = async () => (setup = await factory());
    afterEach(async () => {
      await setup?.cleanup();
      setup = undefined;
    });

    it("reads back the labels, the milestone and the marked issues it wrote, and nothing else", async () => {
      const { tracker } = await open();
      expect(await tracker.readProjection("m1")).toEqual({ issues: [], labels: [] });
      expect(await tracker.apply({ kind: "create-label", label: LABEL })).toEqual({ kind: "label", label: LABEL });
      const milestone = await tracker.apply({
        kind: "create-milestone",
        marker: milestoneMarker("m1"),
        milestone: { title: "M1", description: `Plan\n${milestoneMarker("m1")}`, dueOn: "2026-12-24", state: "open" },
      });
      expect(milestone).toMatchObject({ kind: "milestone", milestone: { title: "M1", dueOn: "2026-12-24" } });
      const number = milestone.kind === "milestone" ? milestone.milestone.number : 0;
      const body = `${taskMarker("m1", "T1")}\nDo it`;
      const task = issueOf(
        await tracker.apply({
          kind: "create-issue",
          marker: taskMarker("m1", "T1"),
          issue: spec("T1", body, { labels: ["phasegate"], milestone: number }),
        }),
      );
      expect(task).toMatchObject({ title: "T1", body, state: "open", labels: ["phasegate"], milestone: number });
      expect(task).toMatchObject({ parent: null, blockedByCount: 0, pullRequest: false, stateReason: null });
      await tracker.apply({ kind: "create-issue", marker: "", issue: spec("Unrelated", "no marker here") });
      await tracker.apply({
        kind: "create-issue",
        marker: taskMarker("m2", "T1"),
        issue: spec("Other milestone", taskMarker("m2", "T1"), { labels: ["phasegate"] }),
      });

      const projection = await tracker.readProjection("m1");
      expect(projection.milestone).toMatchObject({ number, title: "M1", state: "open", dueOn: "2026-12-24" });
      expect(projection.issues).toEqual([task]);
      expect(projection.labels).toEqual([LABEL]);
      expect(await tracker.getIssue(task.number)).toEqual(task);
      expect(await tracker.getIssue(9_999)).toBeUndefined();
    });

    it("finds a milestone's issues by marker before the milestone exists (the dashboard too)", async () => {
      const { tracker } = await open();
      await tracker.apply({ kind: "create-label", label: LABEL });
      const dashboard = issueOf(
        await tracker.apply({
          kind: "create-issue",
          marker: dashboardMarker("m1"),
          issue: spec("Dashboard", dashboardMarker("m1"), { labels: ["phasegate"] }),
        }),
      );
      const projection = await tracker.readProjection("m1");
      expect(projection.milestone).toBeUndefined();
      expect(projection.issues.map((i) => i.number)).toEqual([dashboard.number]);
    });

    it("updates labels, milestones and issues in place and returns them as they are now", async () => {
      const { tracker } = await open();
      await tracker.apply({ kind: "create-label", label: LABEL });
      const renamed = { name: "phasegate: ready", color: "0e8a16", description: "Ready" };
      expect(await tracker.apply({ kind: "update-label", name: "phasegate", label: renamed })).toEqual({
        kind: "label",
        label: renamed,
      });
      const created = await tracker.apply({
        kind: "create-milestone",
        marker: milestoneMarker("m1"),
        milestone: { title: "M1", description: milestoneMarker("m1"), dueOn: null, state: "open" },
      });
      const number = created.kind === "milestone" ? created.milestone.number : 0;
      const updated = await tracker.apply({
        kind: "update-milestone",
        number,
        milestone: { title: "M1 (done)", state: "closed" },
      });
      expect(updated).toMatchObject({ kind: "milestone", milestone: { number, title: "M1 (done)", state: "closed" } });

      const body = taskMarker("m1", "T1");
      const issue = issueOf(await tracker.apply({ kind: "create-issue", marker: body, issue: spec("T1", body) }));
      const closed = issueOf(
        await tracker.apply({
          kind: "update-issue",
          number: issue.number,
          issue: { title: "T1 done", state: "closed", stateReason: "completed" },
        }),
      );
      expect(closed).toMatchObject({ number: issue.number, title: "T1 done", state: "closed" });
      expect(closed.stateReason).toBe("completed");
      expect(await tracker.getIssue(issue.number)).toEqual(closed);
      const projection = await tracker.readProjection("m1");
      expect(projection.labels).toEqual([renamed]);
      expect(projection.milestone).toMatchObject({ title: "M1 (done)", state: "closed" });
    });

    it("creates an issue already closed when the spec says so", async () => {
      const { tracker } = await open();
      const body = taskMarker("m1", "T9");
      const issue = issueOf(
        await tracker.apply({
          kind: "create-issue",
          marker: body,
          issue: spec("T9", body, { state: "closed", stateReason: "not_planned" }),
        }),
      );
      expect(issue).toMatchObject({ state: "closed", stateReason: "not_planned" });
      expect(await tracker.getIssue(issue.number)).toMatchObject({ state: "closed", stateReason: "not_planned" });
    });

    it("links a sub-issue to its parent and a blocker to the issue it blocks", async () => {
      const { tracker } = await open();
      const create = async (task: string) =>
        issueOf(
          await tracker.apply({
            kind: "create-issue",
            marker: taskMarker("m1", task),
            issue: spec(task, taskMarker("m1", task)),
          }),
        );
      const parent = await create("T1");
      const child = await create("T2");
      const blocker = await create("T3");
      expect(await tracker.apply({ kind: "add-sub-issue", parent: parent.number, child })).toEqual({ kind: "done" });
      expect(await tracker.apply({ kind: "add-blocked-by", issue: child.number, blocker })).toEqual({ kind: "done" });
      expect(await tracker.getIssue(child.number)).toMatchObject({ parent: parent.number, blockedByCount: 1 });
      expect(await tracker.listBlockedBy(child.number)).toEqual([blocker.number]);
      expect(await tracker.listBlockedBy(parent.number)).toEqual([]);
    });

    it("writes, edits and lists comments oldest first, by their author", async () => {
      const { tracker } = await open();
      const body = dashboardMarker("m1");
      const issue = issueOf(
        await tracker.apply({ kind: "create-issue", marker: body, issue: spec("Dashboard", body) }),
      );
      expect(await tracker.listComments(issue.number)).toEqual([]);
      const first = await tracker.apply({ kind: "create-comment", issue: issue.number, marker: "", body: "one" });
      expect(first).toMatchObject({ kind: "comment", comment: { body: "one" } });
      const id = first.kind === "comment" ? first.comment.id : 0;
      await tracker.apply({ kind: "create-comment", issue: issue.number, marker: "", body: "two" });
      expect(await tracker.apply({ kind: "update-comment", id, body: "one, edited" })).toMatchObject({
        kind: "comment",
        comment: { id, body: "one, edited" },
      });
      const comments = await tracker.listComments(issue.number);
      expect(comments.map((c) => c.body)).toEqual(["one, edited", "two"]);
      expect(comments[0]?.author).toBe(comments[1]?.author);
      expect(comments[0]?.author).not.toBe("");
    });

    it("lists only the comments written or edited since a time", async () => {
      const { tracker, advance, now } = await open();
      const body = dashboardMarker("m1");
      const issue = issueOf(
        await tracker.apply({ kind: "create-issue", marker: body, issue: spec("Dashboard", body) }),
      );
      const old = await tracker.apply({ kind: "create-comment", issue: issue.number, marker: "", body: "old" });
      await tracker.apply({ kind: "create-comment", issue: issue.number, marker: "", body: "older" });
      advance(60_000);
      const since = new Date(now()).toISOString();
      await tracker.apply({ kind: "create-comment", issue: issue.number, marker: "", body: "new" });
      await tracker.apply({
        kind: "update-comment",
        id: old.kind === "comment" ? old.comment.id : 0,
        body: "old, edited",
      });
      const listed = await tracker.listComments(issue.number, { since });
      expect(listed.map((c) => c.body)).toEqual(["old, edited", "new"]);
    });

    it("reacts once: the same reaction again is not created twice and says when the first was made", async () => {
      const { tracker } = await open();
      const body = dashboardMarker("m1");
      const issue = issueOf(
        await tracker.apply({ kind: "create-issue", marker: body, issue: spec("Dashboard", body) }),
      );
      const comment = await tracker.apply({ kind: "create-comment", issue: issue.number, marker: "", body: "/status" });
      const target = { comment: comment.kind === "comment" ? comment.comment.id : 0 };
      expect(await tracker.apply({ kind: "react", target, content: "eyes" })).toMatchObject({
        kind: "reaction",
        created: true,
      });
      const again = await tracker.apply({ kind: "react", target, content: "eyes" });
      expect(again).toMatchObject({ kind: "reaction", created: false });
      expect(again.kind === "reaction" && typeof again.createdAt === "string").toBe(true);
      expect(await tracker.apply({ kind: "react", target, content: "rocket" })).toMatchObject({ created: true });
    });

    it("lists the files a pull request adds or changes, not those it removes", async () => {
      const { tracker, pullRequest } = await open();
      const pull = await pullRequest({ "docs/new.md": "new\n", "README.md": "changed\n", "old.md": null });
      expect((await tracker.listPullRequestFiles(pull.number)).sort()).toEqual(["README.md", "docs/new.md"]);
    });

    it("lists every path a pull request touches when asked for removed ones, and reads its head and base", async () => {
      const { tracker, pullRequest } = await open();
      const pull = await pullRequest({ "docs/new.md": "new\n", "old.md": null });
      const touched = await tracker.listPullRequestFiles(pull.number, { removed: true });
      expect(touched.sort()).toEqual(["docs/new.md", "old.md"]);
      expect(await tracker.getPullRequest(pull.number)).toMatchObject({
        number: pull.number,
        sha: pull.sha,
        base: "main",
        fork: false,
        state: "open",
      });
      expect(await tracker.getPullRequest(pull.number + 1000)).toBeUndefined();
    });

    it("lists open pull requests into a base, newest first, stopping at the bound", async () => {
      const { tracker, pullRequest } = await open();
      const first = await pullRequest({ "a.md": "a\n" });
      const second = await pullRequest({ "b.md": "b\n" });
      const open2 = await tracker.listOpenPullRequests({ base: "main", max: 10 });
      expect(open2.map((p) => [p.number, p.base, p.state])).toEqual([
        [second.number, "main", "open"],
        [first.number, "main", "open"],
      ]);
      expect(open2[0]?.sha).toBe(second.sha);
      expect(await tracker.listOpenPullRequests({ base: "main", max: 1 })).toHaveLength(1);
      expect(await tracker.listOpenPullRequests({ base: "elsewhere", max: 10 })).toEqual([]);
    });

    it("lists the check runs of one name on a commit, the ones it wrote included", async () => {
      const { tracker, pullRequest } = await open();
      const { sha } = await pullRequest({ "a.md": "a\n" });
      expect(await tracker.listCheckRuns(sha, "phasegate/phase")).toEqual([]);
      const check = { sha, conclusion: "failure" as const, title: "T1: design", summary: "Waiting" };
      await tracker.apply({ kind: "check-run", check: { ...check, name: "phasegate/phase" } });
      await tracker.apply({ kind: "check-run", check: { ...check, name: "phasegate/plan", title: "Plan" } });
      expect(await tracker.listCheckRuns(sha, "phasegate/phase")).toEqual([
        { conclusion: "failure", title: "T1: design", summary: "Waiting" },
      ]);
    });

    it("sends a repository dispatch", async () => {
      const { tracker, dispatches } = await open();
      const payload = { milestone: "m1" };
      expect(await tracker.apply({ kind: "dispatch", eventType: "phasegate-continue", payload })).toEqual({
        kind: "done",
      });
      expect(dispatches()).toEqual([{ eventType: "phasegate-continue", payload }]);
    });

    it("grants one sync lease at a time, again after release, and takes over an expired one", async () => {
      const { tracker, advance } = await open();
      const lease = await tracker.acquireLease("m1", 60_000);
      expect(lease).toBeDefined();
      expect(await tracker.acquireLease("m1", 60_000)).toBeUndefined();
      expect(await tracker.acquireLease("m2", 60_000)).toBeDefined();
      await lease?.release();
      const next = await tracker.acquireLease("m1", 60_000);
      expect(next).toBeDefined();
      advance(61_000);
      expect(await tracker.acquireLease("m1", 60_000)).toBeDefined();
    });
  });
}
