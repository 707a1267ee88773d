import { afterEach, describe, expect, it } from "vitest";
import type { BranchChecks, TestRunner } from "../../core/index.js";

export interface BranchChecksSetup {
  checks: BranchChecks;
  /** A branch with a commit and no checks yet. */
  branch: string;
  /** Report one more check named `name` on the branch head, finished with `verdict` or still running. */
  report(name: string, verdict: "success" | "failure" | "pending"): Promise<void>;
  cleanup(): void | Promise<void>;
}

/**
 * What the CI signal from a branch promises, run against the in-memory one and the GitHub adapter:
 * nothing known without checks; one failure fails it and is named; a running check keeps it pending.
 */
export function branchChecksContract(name: string, factory: () => Promise<BranchChecksSetup>): void {
  describe(`BranchChecks contract: ${name}`, () => {
    let setup: BranchChecksSetup | undefined;
    afterEach(async () => {
      await setup?.cleanup();
      setup = undefined;
    });

    it("is unknown without checks, then folds the checks of the branch head", async () => {
      setup = await factory();
      const { checks, branch, report } = setup;
      expect((await checks.checkState(branch)).state).toBe("unknown");
      await report("build", "success");
      expect((await checks.checkState(branch)).state).toBe("success");
      await report("lint", "pending");
      expect(await checks.checkState(branch)).toEqual({ state: "pending", summary: "pending: lint" });
      await report("test", "failure");
      expect(await checks.checkState(branch)).toEqual({ state: "failure", summary: "failing: test" });
      expect((await checks.checkState("no-such-branch")).state).toBe("unknown");
    });
  });
}

export interface TestRunnerSetup {
  runner: TestRunner;
  /** A command that passes and one that fails where the runner runs. */
  passing: string[];
  failing: string[];
  cleanup(): void | Promise<void>;
}

/** What the CI signal from the test command promises, run against the in-memory one and the local one. */
export function testRunnerContract(name: string, factory: () => Promise<TestRunnerSetup>): void {
  describe(`TestRunner contract: ${name}`, () => {
    let setup: TestRunnerSetup | undefined;
    afterEach(async () => {
      await setup?.cleanup();
      setup = undefined;
    });

    it("succeeds when the command passes, fails naming it when it fails, and knows nothing without one", async () => {
      setup = await factory();
      const { runner, passing, failing } = setup;
      expect((await runner.run(passing)).state).toBe("success");
      const failed = await runner.run(failing);
      expect(failed.state).toBe("failure");
      expect(failed.summary).toContain(failing[0]);
      expect(await runner.run([])).toEqual({ state: "unknown", summary: "no test_command configured" });
      const disk = await runner.diskUsage();
      if (disk !== undefined) expect(disk >= 0 && disk <= 100 && Number.isInteger(disk)).toBe(true);
    });
  });
}
