import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Two of @acme/core, whose members local mode learns from `.github/phasegate.yml`. */
const PLAN = SAMPLE_PLAN.replace("approvers: [alice]\n", 'approval:\n  - count: 2\n    from: ["@acme/core"]\n');
const SETTINGS = 'teams:\n  "@acme/core": [alice, carol]\n';

describe("approval rules in local mode", () => {
  it("takes teams from the settings, waits for the second approval, and says why in status", async () => {
    repo = scratchRepo({ ...sampleFiles(PLAN), ".github/phasegate.yml": SETTINGS }, "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    await repo.cli("execute", "m1");
    const bob = await repo.cli("approve", "m1", "T1", "--as", "bob");
    expect(bob.err).toContain("bob is not an approver");
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).err).toBe("");
    const waiting = await repo.cli("status", "m1");
    expect(waiting.out).toContain(
      "design gate needs 2 of @acme/core (the plan's approval): alice ✓, 1 more from @acme/core",
    );
    expect(JSON.parse((await repo.cli("status", "m1", "--json")).out).tasks[0].phase).toBe("design");
    expect((await repo.cli("approve", "m1", "T1", "--as", "carol")).err).toBe("");
    expect(JSON.parse((await repo.cli("status", "m1", "--json")).out).tasks[0].phase).toBe("spec");
  });

  it("explain: a dry run of the rule, and of a rule on another branch before it is merged", async () => {
    repo = scratchRepo({ ...sampleFiles(PLAN), ".github/phasegate.yml": SETTINGS }, "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    await repo.cli("execute", "m1");
    await repo.cli("approve", "m1", "T1", "--as", "alice");
    const carol = await repo.cli("explain", "m1", "T1", "--as", "carol");
    expect(carol.out).toContain("T1 design gate (rule from main): needs 2 of @acme/core");
    expect(carol.out).toContain("carol may approve as member of @acme/core; their approval would pass the gate");
    const bob = await repo.cli("explain", "m1", "T1", "--as", "bob");
    expect(bob.out).toContain("bob cannot approve: bob is not an approver");
    // A proposed rule on a branch: one approval from dave (bob is T1's assignee).
    repo.git("switch", "-q", "-c", "rules", "main");
    repo.write(".milestones/m1.yaml", SAMPLE_PLAN.replace("approvers: [alice]", "approvers: [dave]"));
    repo.git("commit", "-qam", "dave approves");
    repo.git("switch", "-q", "milestone/m1");
    const simulated = JSON.parse(
      (await repo.cli("explain", "m1", "T1", "--plan-ref", "rules", "--as", "dave", "--json")).out,
    );
    expect(simulated).toMatchObject({ plan_ref: "rules", rule: "1 of dave", passed: false, approvals: ["alice"] });
    expect(simulated.actor).toMatchObject({ may_approve: true, would_pass: true });
    // Nothing was written: the log still waits for a second approval under the default branch's rule.
    expect(JSON.parse((await repo.cli("status", "m1", "--json")).out).tasks[0].phase).toBe("design");
  });
});

describe("approve and execute output in local mode", () => {
  async function approvedByAlice() {
    repo = scratchRepo({ ...sampleFiles(PLAN), ".github/phasegate.yml": SETTINGS }, "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    await repo.cli("checkpoint", "m1", "--min-changes", "0");
    await repo.cli("execute", "m1");
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).err).toBe("");
  }

  it("execute --json fills `gate` as status --json does", async () => {
    await approvedByAlice();
    const executed = JSON.parse((await repo.cli("execute", "m1", "--json")).out);
    const status = JSON.parse((await repo.cli("status", "m1", "--json")).out);
    expect(executed.status.tasks[0].gate).toContain("needs 2 of @acme/core");
    expect(executed.status.tasks[0].gate).toBe(status.tasks[0].gate);
  });

  it("approving changed deliverables again shows the diff summary, in text and JSON", async () => {
    await approvedByAlice();
    repo.write(
      ".kiro/specs/first/design.md",
      DESIGN.replace("## Overview", "## Overview\r\n\r\n<b>@acme/core</b> look"),
    );
    await repo.cli("execute", "m1");
    const again = await repo.cli("approve", "m1", "T1", "--as", "alice");
    expect(again.err).toBe("");
    expect(again.out).toMatch(/Changed since your earlier approval at [0-9a-f]{7} \(/);
    // The CRLF line ends of the new lines do not count as changes of the lines around them.
    expect(again.out).toContain(".kiro/specs/first/design.md: +2 −0");
    expect(again.out).toContain("      + <b>@acme/core</b> look");
    // Nothing changed since: no summary.
    await repo.cli("approve", "m1", "T1", "--cancel", "--as", "alice");
    const json = JSON.parse((await repo.cli("approve", "m1", "T1", "--as", "alice", "--json")).out);
    expect(json.changes).toBeUndefined();
    expect(json.approved).toHaveLength(1);
  });
});

describe("help", () => {
  it("`phasegate help approve` describes approval rules, not only a list of approvers", async () => {
    repo = scratchRepo(sampleFiles(PLAN));
    const { out } = await repo.cli("help", "approve");
    const text = out.replace(/\s+/g, " ");
    for (const part of [
      "groups of N approvals",
      "`@org/team`s",
      "CODEOWNERS of the phase's deliverables",
      "phasegate explain",
    ])
      expect(text).toContain(part);
  });
});

describe("import writes approval rules", () => {
  const TASKS = "# Tasks\n\n- [ ] 1. First\n- [ ] 2. Second\n";

  it("--approver takes @org/team; with --approvals N it writes the rule form, which validates and is judged", async () => {
    repo = scratchRepo({ "specs/a/tasks.md": TASKS, ".github/phasegate.yml": SETTINGS });
    const team = await repo.cli("import", "specs/a", "--id", "a", "--approver", "@acme/core");
    expect(team.code).toBe(0);
    expect(team.out).toContain('approvers: ["@acme/core"]');
    const args = ["import", "specs/a", "--id", "a", "--approver", "@acme/core", "--approver", "dave"];
    const written = await repo.cli(...args, "--approvals", "2", "--write");
    expect(written.code).toBe(0);
    const plan = repo.read(".milestones/a.yaml");
    expect(plan).toContain('approval:\n  - count: 2\n    from: ["@acme/core", dave]\n');
    expect(plan).not.toContain("approvers:");
    expect((await repo.cli("validate")).code).toBe(0);
    repo.git("add", "-A");
    repo.git("commit", "-qm", "plan");
    const explained = await repo.cli("explain", "a", "1", "--as", "carol");
    expect(explained.err).toBe("");
    expect(explained.out).toContain("needs 2 of @acme/core | dave (the plan's approval)");
  });

  it("--approvals alone asks N approvals from anyone; a folder of specs takes it too", async () => {
    repo = scratchRepo({ "specs/a/tasks.md": TASKS, "specs/b/tasks.md": TASKS });
    expect((await repo.cli("import", "specs/a", "--approvals", "2")).out).toContain("approval:\n  - count: 2\n");
    const folder = await repo.cli("import", "specs", "--approvals", "3", "--approver", "@acme/qa");
    expect(folder.out).toContain('approval:\n  - count: 3\n    from: ["@acme/qa"]\n');
  });

  it.each([
    [["--approver", "alice", "--approvals", "2"], 1, "asks more approvals than the 1 approver(s) listed can give"],
    [["--approvals", "0"], 1, "--approvals must be a whole number from 1 to 20"],
    [["--approvals", "21"], 1, "--approvals must be a whole number from 1 to 20"],
    [["--approvals", "two"], 2, '--approvals takes a whole number of approvals, not "two"'],
    [["--approver", "@acme/", "--approvals", "1"], 1, 'approver "@acme/" is not a GitHub login or @org/team'],
  ])("refuses %j clearly and writes nothing", async (extra, code, message) => {
    repo = scratchRepo({ "specs/a/tasks.md": TASKS });
    const result = await repo.cli("import", "specs/a", "--write", ...extra);
    expect(result.code).toBe(code);
    expect(result.err).toContain(message);
    expect(repo.git("status", "--porcelain")).toBe("");
  });
});
