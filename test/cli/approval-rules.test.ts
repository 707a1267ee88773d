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
