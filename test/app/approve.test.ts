import { describe, expect, it } from "vitest";
import {
  APPROVE_OPERATIONS,
  createHarness,
  commentPayload,
  LOG_PATH,
  OWNER,
  planYaml,
  PLAN_PATH,
  REPO,
  startT1,
  type Harness,
} from "./app-harness.js";
import { parseLog } from "../../core/index.js";
import { resealEvents } from "../helpers/log-builder.js";

const ANCHOR = "refs/phasegate/anchors/m1";

function events(h: Harness): { event: string; actor: string; task_id?: string; phase?: string }[] {
  const text = h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH) ?? "";
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

function logOfM1(h: Harness): string[] {
  return (h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH) ?? "").split("\n").filter(Boolean);
}

function comments(h: Harness, issue: number): string[] {
  return h.gh
    .repo(OWNER, REPO)
    .comments.filter((c) => c.issue_url.endsWith(`/issues/${issue}`))
    .map((c) => c.body);
}

function labelsOf(h: Harness, issue: number): string[] {
  return h.gh
    .repo(OWNER, REPO)
    .issues.find((i) => i.number === issue)!
    .labels.map((l: { name: string }) => l.name);
}

describe("/approve on a task issue", () => {
  it("approves the phase, moves the labels and the dashboard, reacts and replies once", async () => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const payload = await commentPayload(h, t1, "/approve", "alice");
    h.gh.resetLog();
    await h.deliver("issue_comment", payload);
    expect(h.gh.violations).toEqual([]);
    const log = events(h);
    expect(log.map((e) => e.event)).toEqual(expect.arrayContaining(["phase_approved", "phase_completed"]));
    expect(log.find((e) => e.event === "phase_approved")).toMatchObject({
      actor: "alice",
      task_id: "T1",
      phase: "design",
    });
    expect(labelsOf(h, t1)).toContain("phase: spec");
    const replies = comments(h, t1).filter((c) => c.includes("reply comment="));
    expect(replies).toHaveLength(1);
    expect(replies[0]).toContain(`reply comment=${payload.comment.id}`);
    expect(replies[0]).toContain("Done:");
    expect(h.gh.repo(OWNER, REPO).reactions).toEqual([expect.objectContaining({ content: "eyes" })]);
    const dashboard = h.gh.repo(OWNER, REPO).issues.find((i) => i.body.includes(" dashboard -->"))!;
    expect(dashboard.body).toContain("T1: design approved by alice");
    // Reaction (made now: no reply to look for); one GraphQL query for the plan, the settings, the
    // milestone branch's log, the log's anchor (ADR 19) and alice's permission (ADR 30); the design
    // (GraphQL), one createCommitOnBranch, the anchor's move, the milestone's issues, milestone, task
    // issue, dashboard, reply: 10, the target (docs/benchmarks.md); plus the installation token.
    const made = h.gh.requests.filter((r) => r.operation !== "apps/create-installation-access-token");
    expect(made.map((r) => r.operation)).toEqual(APPROVE_OPERATIONS);
    expect(made.length).toBeLessThanOrEqual(10);
    // An approval that passes no Task gate judges no pull request again: not one request for it.
    expect(h.gh.requests.filter((r) => /^(pulls|checks)\//.test(r.operation ?? ""))).toEqual([]);
    console.log(
      `/approve end to end: ${h.gh.requests.length} requests (${h.gh.count({ write: true })} writes):\n` +
        h.gh.requests.map((r) => `  ${r.method} ${r.operation}`).join("\n"),
    );

    // The same delivery again: the 👀 was there (GitHub answers 200 with it, creating nothing), so the
    // reply is looked up and found: nothing else is sent.
    h.gh.resetLog();
    const lines = logOfM1(h).length;
    await h.deliver("issue_comment", payload);
    expect(h.gh.requests.filter((r) => r.write).map((r) => `${r.operation} ${r.status}`)).toEqual([
      "reactions/create-for-issue-comment 200",
    ]);
    expect(h.gh.repo(OWNER, REPO).reactions).toHaveLength(1);
    expect(logOfM1(h)).toHaveLength(lines);
    expect(comments(h, t1)).toHaveLength(2); // the command and its reply
  });

  it.each([
    ["a user with read access", "mallory", {}],
    ["the task's author when self-approval is off", "bob", {}],
    ["a bot", "alice", { bot: true }],
  ])("refuses /approve from %s and changes nothing", async (_, login, options) => {
    const h = await createHarness({ [PLAN_PATH]: planYaml({ approvers: ["alice", "bob", "mallory"] }) });
    const t1 = await startT1(h);
    const before = events(h).length;
    const labels = labelsOf(h, t1);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", login, options));
    expect(h.gh.violations).toEqual([]);
    expect(events(h)).toHaveLength(before);
    expect(labelsOf(h, t1)).toEqual(labels);
    const replies = comments(h, t1).filter((c) => c.includes("reply comment="));
    if ((options as { bot?: boolean }).bot) expect(replies).toEqual([]);
    else expect(replies).toEqual([expect.stringContaining("Not done:")]);
  });
});

describe("/approve on a log forged on top of Phasegate's last write (ADR 19)", () => {
  it("refuses, says log_tampered in the reply, and writes nothing: not the log, not the anchor", async () => {
    const h = await createHarness();
    const t1 = await startT1(h);
    const anchor = h.gh.repo(OWNER, REPO).refs[ANCHOR];
    expect(anchor).toBeDefined(); // the last step's commit; the design was pushed after it
    // Someone with write access rewrites who activated the milestone, seals the chain again and
    // pushes it as a plain commit on top (no force-push: the anchored commit stays in the history).
    const events = parseLog(h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH) ?? "", "m1").events;
    const forged = resealEvents(events.map((e, i) => (i === 0 ? { ...e, actor: "mallory" } : e))).text;
    const head = h.gh.commitFiles(OWNER, REPO, "milestone/m1", { [LOG_PATH]: forged }, "Tidy the log");
    const payload = await commentPayload(h, t1, "/approve", "alice");
    h.gh.resetLog();
    await h.deliver("issue_comment", payload);
    expect(h.gh.violations).toEqual([]);
    const replies = comments(h, t1).filter((c) => c.includes("reply comment="));
    expect(replies).toEqual([expect.stringContaining("Not done:")]);
    expect(replies[0]).toContain("log_tampered");
    expect(replies[0]).toContain(`refs/phasegate/anchors/m1, commit ${anchor!.slice(0, 7)}`);
    expect(h.gh.resolve(OWNER, REPO, "milestone/m1")).toBe(head);
    expect(h.gh.readFile(OWNER, REPO, "milestone/m1", LOG_PATH)).toBe(forged);
    expect(h.gh.repo(OWNER, REPO).refs[ANCHOR]).toBe(anchor);
    expect(labelsOf(h, t1)).toContain("phase: design");
    // Only the 👀 and the reply were written.
    expect(h.gh.requests.filter((r) => r.write).map((r) => r.operation)).toEqual([
      "reactions/create-for-issue-comment",
      "issues/create-comment",
    ]);
  });
});

describe("repository settings", () => {
  it("reads .github/phasegate.yml from the default branch's tree: self-approval allowed there", async () => {
    const h = await createHarness({
      [PLAN_PATH]: planYaml({ approvers: ["alice", "bob"] }),
      ".github/phasegate.yml": "allow_self_approval: true\n",
    });
    const t1 = await startT1(h);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "bob"));
    expect(events(h).find((e) => e.event === "phase_approved")).toMatchObject({ actor: "bob", task_id: "T1" });
  });
});
