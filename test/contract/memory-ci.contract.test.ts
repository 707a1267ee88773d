import type { CheckState } from "../../core/index.js";
import { MemoryChecks, MemoryTestRunner } from "../helpers/memory/memory-ci.js";
import { branchChecksContract, testRunnerContract } from "./ci-contract.js";

branchChecksContract("in memory", async () => {
  const checks = new MemoryChecks();
  const reported: { name: string; verdict: string }[] = [];
  return {
    checks,
    branch: "milestone/m1",
    report: async (name, verdict) => {
      reported.push({ name, verdict });
      checks.branches.set("milestone/m1", fold(reported));
    },
    cleanup: () => undefined,
  };
});

/** What a CI service would say about the checks reported so far (the test sets the verdict it gives). */
function fold(reported: { name: string; verdict: string }[]): CheckState {
  const named = (verdict: string) => reported.filter((r) => r.verdict === verdict).map((r) => r.name);
  if (named("failure").length) return { state: "failure", summary: `failing: ${named("failure").join(", ")}` };
  if (named("pending").length) return { state: "pending", summary: `pending: ${named("pending").join(", ")}` };
  return { state: "success", summary: `${reported.length} checks passed` };
}

testRunnerContract("in memory", async () => {
  const runner = new MemoryTestRunner();
  runner.verdicts.set("pass", { state: "success", summary: "`pass` passed" });
  return { runner, passing: ["pass"], failing: ["fail"], cleanup: () => undefined };
});
