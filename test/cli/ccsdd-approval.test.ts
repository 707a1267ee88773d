import { afterEach, describe, expect, it } from "vitest";
import { DESIGN, sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

const SPEC_JSON = `{
  "feature_name": "first",
  "phase": "design-generated",
  "approvals": {
    "requirements": { "generated": true, "approved": false },
    "design": { "generated": true, "approved": false },
    "tasks": { "generated": false, "approved": false }
  }
}
`;

describe("cc-sdd's spec.json", () => {
  it("gets design approved when Phasegate's design gate passes: the checkpoint's diff touches only that value", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".kiro/specs/first/spec.json": SPEC_JSON }, "milestone/m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
    expect((await repo.cli("checkpoint", "m1", "--min-changes", "1")).code).toBe(0);
    // HEAD~1: the checkpoint's commit (HEAD holds its event log, ADR 20).
    const diff = repo.git("show", "HEAD~1", "--unified=0", "--", ".kiro/specs/first/spec.json");
    const changed = diff.split("\n").filter((l) => /^[-+] /.test(l));
    expect(changed).toEqual([
      '-    "design": { "generated": true, "approved": false },',
      '+    "design": { "generated": true, "approved": true },',
    ]);
    // Phasegate never reads the flag as an approval: the spec phase still waits for one.
    const view = JSON.parse((await repo.cli("status", "m1", "--json")).out);
    expect(view.tasks[0]).toMatchObject({ phase: "spec" });
  });
});
