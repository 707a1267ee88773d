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

describe("approvals bound to the deliverables they saw", () => {
  async function twoOfCore() {
    const h = await createHarness({ [PLAN_PATH]: ruleYaml('  - count: 2\n    from: ["@acme/core"]') });
    for (const login of ["alice", "carol"]) h.gh.addTeamMember("acme", "core", login);
    const t1 = await startT1(h);
    await h.deliver("issue_comment", await commentPayload(h, t1, "/approve", "alice"));
    return { h, t1 };
  }
  const moveOn = async (h: Awaited<ReturnType<typeof createHarness>>) => {
    const ctx = h.core("bob");
    const handle = await MilestoneHandle.open(ctx, "m1");
    await advance(ctx, handle);
    await handle.reload();
    await sync(ctx, handle);
  };
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
