import { describe, expect, it } from "vitest";
import { advance, MilestoneHandle, sync } from "../../core/index.js";
import {
  commentPayload,
  createHarness,
  DESIGN,
  logEvents,
  OWNER,
  planYaml,
  PLAN_PATH,
  REPO,
  startT1,
} from "./app-harness.js";
import { example } from "./webhook-examples.js";

/** m1 with a rule on T1's design gate instead of `approvers`. */
function ruleYaml(rule: string): string {
  return planYaml().replace("approvers: [alice]\n", `approval:\n${rule}\n`);
}

function replyTo(h: Awaited<ReturnType<typeof createHarness>>, issue: number): string {
  const bodies = h.gh
    .repo(OWNER, REPO)
    .comments.filter((c) => c.issue_url.endsWith(`/issues/${issue}`) && c.body.includes("reply comment="));
  return bodies.at(-1)?.body ?? "";
}

const phaseEvents = (h: Awaited<ReturnType<typeof createHarness>>) =>
  logEvents(h)
    .filter((e) => ["phase_approved", "phase_completed"].includes(e.event))
    .map((e) => `${e.event} ${(e as { actor?: string }).actor}`);

describe("approval rules against GitHub", () => {
  it("one of a team and two of another: the gate waits until every group is met", async () => {
    const h = await createHarness({
      [PLAN_PATH]: ruleYaml('  - from: ["@acme/security"]\n  - count: 2\n    from: ["@acme/core"]'),
    });
    h.gh.addTeamMember("acme", "security", "carol");
    h.gh.addTeamMember("acme", "core", "alice");
    h.gh.addTeamMember("acme", "core", "carol");
    const t1 = await startT1(h);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "alice"));
    expect(phaseEvents(h)).toEqual(["phase_approved alice"]);
    // The task issue and the reply say what is still missing, without notifying the team.
    const reply = replyTo(h, t1);
    expect(reply).toContain("1 of @\u2060acme/security: none yet");
    expect(reply).not.toMatch(/(^|\W)@acme/);
    const issue = h.gh.repo(OWNER, REPO).issues.find((i) => i.number === t1)!;
    expect(issue.body).toContain("wait for an approval: needs 1 of @\u2060acme/security and 2 of @\u2060acme/core");
    const dashboard = h.gh.repo(OWNER, REPO).issues.find((i) => i.body.includes(" dashboard -->"))!;
    expect(dashboard.body).toContain("awaits approval: needs 1 of @\u2060acme/security");
    await h.deliver("issue_comment", await commentPayload(h, t1, "/explain", "carol"));
    const explained = replyTo(h, t1);
    expect(explained).toContain("T1 design gate (rule from main)");
    expect(explained).toContain(
      "carol may approve as member of @\u2060acme/security; their approval would pass the gate",
    );
    expect(phaseEvents(h)).toEqual(["phase_approved alice"]);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "carol"));
    // carol is in both teams: one approval counts toward security and the second of core.
    expect(phaseEvents(h)).toEqual(["phase_approved alice", "phase_approved carol", "phase_completed carol"]);
  });

  it("/help describes the approval rules of the plan's gates, naming teams without notifying them", async () => {
    const h = await createHarness({
      [PLAN_PATH]: ruleYaml('  - from: ["@acme/security"]\n  - count: 2\n    from: ["@acme/core"]'),
    });
    const t1 = await startT1(h);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/help", "mallory"));
    const reply = replyTo(h, t1);
    expect(reply).toContain("### Approval rules");
    expect(reply).toContain("- `1 of @\u2060acme/security and 2 of @\u2060acme/core` (the plan's approval)");
    expect(reply).toContain("or from the code owners of the phase's deliverables");
    expect(reply).not.toMatch(/(^|\W)@acme/);
  });

  it("refuses someone outside every group, naming who can approve", async () => {
    const h = await createHarness({ [PLAN_PATH]: ruleYaml('  - from: ["@acme/security"]') });
    h.gh.addTeamMember("acme", "security", "carol");
    const t1 = await startT1(h);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "alice"));
    expect(phaseEvents(h)).toEqual([]);
    expect(replyTo(h, t1)).toContain("alice is not an approver");
    expect(replyTo(h, t1)).toContain("@\u2060acme/security");
  });

  it("codeowners: the owner from CODEOWNERS on the default branch, last matching line wins", async () => {
    const h = await createHarness({
      [PLAN_PATH]: ruleYaml("  - codeowners: true"),
      ".github/CODEOWNERS": "* @alice\n.kiro/specs/ @carol\n",
    });
    const t1 = await startT1(h);
    // A CODEOWNERS edited on the milestone branch changes nothing.
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", { ".github/CODEOWNERS": "* @alice\n" }, "take over");
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "alice"));
    expect(phaseEvents(h)).toEqual([]);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "carol"));
    expect(phaseEvents(h)).toEqual(["phase_approved carol", "phase_completed carol"]);
    expect(logEvents(h).find((e) => e.event === "phase_approved")?.details.role).toBe("code owner");
  });
});

/** Two of @acme/core (alice and carol), and alice's approval of T1's design. */
async function twoOfCore() {
  const h = await createHarness({ [PLAN_PATH]: ruleYaml('  - count: 2\n    from: ["@acme/core"]') });
  for (const login of ["alice", "carol"]) h.gh.addTeamMember("acme", "core", login);
  const t1 = await startT1(h);
  await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "alice"));
  return { h, t1 };
}
/** Advance and sync m1, as a push to the milestone branch would. */
const moveOn = async (h: Awaited<ReturnType<typeof createHarness>>) => {
  const ctx = h.core("bob");
  const handle = await MilestoneHandle.open(ctx, "m1");
  await advance(ctx, handle);
  await handle.reload();
  await sync(ctx, handle);
};

describe("approvals bound to the deliverables they saw", () => {
  const design = ".kiro/specs/first/design.md";

  it("an unrelated push, or the same content in a new commit (rebase, squash), keeps the approval", async () => {
    const { h, t1 } = await twoOfCore();
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", { "src/other.ts": "export {};\n" }, "unrelated");
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", { [design]: DESIGN }, "squashed: same bytes, new commit");
    await moveOn(h);
    expect(logEvents(h).filter((e) => e.event === "approval_revoked")).toEqual([]);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "carol"));
    expect(phaseEvents(h)).toEqual(["phase_approved alice", "phase_approved carol", "phase_completed carol"]);
  });

  it("a changed deliverable revokes the approval, says so, and a revert does not bring it back", async () => {
    const { h, t1 } = await twoOfCore();
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", { [design]: `${DESIGN}\nOne more line.\n` }, "edit");
    await moveOn(h);
    expect(
      logEvents(h)
        .filter((e) => e.event === "approval_revoked")
        .map((e) => e.details.approver),
    ).toEqual(["alice"]);
    const issue = () => h.gh.repo(OWNER, REPO).issues.find((i) => i.number === t1)!.body;
    expect(issue()).toContain("no longer counting (deliverables changed since): alice");
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", { [design]: DESIGN }, "revert");
    await moveOn(h);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "carol"));
    // Only carol's approval counts: alice must look again.
    expect(phaseEvents(h)).toEqual(["phase_approved alice", "phase_approved carol"]);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "alice"));
    expect(phaseEvents(h).at(-1)).toBe("phase_completed alice");
  });
});

describe("/approve shows what changed since the approver's earlier approval", () => {
  const design = ".kiro/specs/first/design.md";
  /** alice approves again; the reply, and the reads it took (REST GETs and GraphQL queries). */
  async function approveAgain(h: Awaited<ReturnType<typeof createHarness>>, t1: number) {
    const payload = await commentPayload(h, t1, "/approve", "alice");
    h.gh.resetLog();
    await h.deliver("issue_comment", payload);
    expect(h.gh.violations).toEqual([]);
    const reads = h.gh.requests.filter((r) => r.method === "GET" || r.operation === "graphql/query").length;
    return { reply: replyTo(h, t1), reads };
  }

  it("a changed deliverable: lines added and removed and the first changed lines, inert, for one more read", async () => {
    const { h, t1 } = await twoOfCore();
    const approvedAt = logEvents(h).find((e) => e.event === "phase_approved")!.details.commit as string;
    const hostile = 'Ping @acme/security and <img src="https://evil.example/x.png"> here.\n';
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", { [design]: DESIGN.replace("How it works.\n", hostile) }, "edit");
    await moveOn(h);
    const changed = await approveAgain(h, t1);
    expect(changed.reply).toContain(`Changed since your earlier approval at ${approvedAt.slice(0, 7)}`);
    expect(changed.reply).toContain(`- \`${design}\`: +1 −1`);
    expect(changed.reply).toContain("- How it works.");
    expect(changed.reply).toContain("+ Ping @\u2060acme/security and &lt;img");
    expect(changed.reply).not.toMatch(/(^|\W)@acme/);
    expect(changed.reply).not.toContain("<img");
    // The same approval without a change in between reads nothing more: cancel, then approve again.
    // (The writes differ: the task issue stops saying alice's approval no longer counts.)
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve cancel", "alice"));
    const same = await approveAgain(h, t1);
    expect(same.reply).not.toContain("Changed since");
    expect(changed.reads - same.reads).toBe(1);
  });

  it("CRLF for LF: says only the line ends changed", async () => {
    const { h, t1 } = await twoOfCore();
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", { [design]: DESIGN.replace(/\n/g, "\r\n") }, "crlf");
    await moveOn(h);
    const { reply } = await approveAgain(h, t1);
    expect(reply).toContain(`- \`${design}\`: only line ends changed`);
  });

  it("a huge rewrite stays a short reply", async () => {
    const { h, t1 } = await twoOfCore();
    const huge =
      "# Design\n\n## Overview\n\n" + Array.from({ length: 30_000 }, (_, i) => `line ${i} `.repeat(20)).join("\n");
    h.gh.commitFiles(OWNER, REPO, "milestone/m1", { [design]: huge }, "rewrite");
    await moveOn(h);
    const { reply } = await approveAgain(h, t1);
    expect(reply).toContain(`- \`${design}\`: at most +30000 −1 (too different to diff line by line), first 5 shown`);
    expect(reply.length).toBeLessThan(4_000);
  });
});

describe("escalations ask whoever could approve the waiting gates", () => {
  it("a failing check suite mentions the waiting gate's team and code owners, by its rule", async () => {
    const h = await createHarness({
      [PLAN_PATH]: ruleYaml('  - from: ["@acme/security"]\n  - codeowners: true'),
      ".github/CODEOWNERS": "* @carol\n",
    });
    await startT1(h);
    const sha = h.gh.resolve(OWNER, REPO, "milestone/m1")!;
    h.gh.setCheckState({ owner: OWNER, repo: REPO, ref: sha, name: "ci", conclusion: "failure" });
    const payload = example("check_suite", "completed");
    Object.assign(payload.check_suite, { conclusion: "failure", head_sha: sha, head_branch: "milestone/m1" });
    await h.deliver("check_suite", payload);
    expect(h.gh.violations).toEqual([]);
    const escalated = logEvents(h).find((e) => e.event === "blockers_escalated")!;
    expect(escalated.details.owners).toEqual(["@acme/security", "carol"]);
    const comment = h.gh.repo(OWNER, REPO).comments.find((c) => c.body.includes("is blocked"))!.body;
    // Mentioned on purpose in the heading line; the rest of the comment stays defused.
    expect(comment.split("\n")[1]).toMatch(/ @acme\/security @carol$/);
    expect(comment).not.toContain("@alice");
  });
});
