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
});
