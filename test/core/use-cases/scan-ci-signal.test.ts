import { describe, expect, it } from "vitest";
import { MilestoneHandle, scan, type CheckState } from "../../../core/index.js";
import { MemoryChecks, MemoryTestRunner } from "../../helpers/memory/memory-ci.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";

const plan = (testCommand: string) => `version: 1
id: m1
title: Signals
branch: milestone/m1
${testCommand}tasks:
  - id: T1
    title: One
`;

const failing: CheckState = { state: "failure", summary: "failing: ci" };
const passing: CheckState = { state: "success", summary: "1 checks passed" };

interface Row {
  name: string;
  /** The plan's `test_command` line, or "". */
  command: string;
  /** The branch checks on `milestone/m1`, or (with `runner`) the test command's verdict. */
  verdict?: CheckState;
  runner?: boolean;
  disk?: number;
  /** Blocker types the scan finds. */
  blockers: string[];
  /** Commands the runner was asked to run. */
  runs?: string[][];
}

const rows: Row[] = [
  { name: "branch checks failing on the milestone branch", command: "", verdict: failing, blockers: ["test_failures"] },
  { name: "branch checks passing", command: "", verdict: passing, blockers: [] },
  { name: "branch checks ignore the test command", command: "settings: { test_command: [npm, test] }\n", blockers: [] },
  {
    name: "the test command failing",
    command: "settings: { test_command: [npm, test] }\n",
    runner: true,
    verdict: failing,
    blockers: ["test_failures"],
    runs: [["npm", "test"]],
  },
  { name: "no test command: nothing runs, nothing is known", command: "", runner: true, blockers: [], runs: [] },
  {
    name: "the disk where the tests run is nearly full",
    command: "settings: { test_command: [npm, test] }\n",
    runner: true,
    verdict: passing,
    disk: 99,
    blockers: ["disk_space"],
    runs: [["npm", "test"]],
  },
];

describe("scan reads the CI signal from the source in its context", () => {
  for (const row of rows) {
    it(row.name, async () => {
      const checks = new MemoryChecks();
      const runner = new MemoryTestRunner();
      if (row.verdict) {
        runner.verdicts.set("npm test", row.verdict);
        checks.branches.set("milestone/m1", row.verdict);
      }
      runner.disk = row.disk;
      const ctx = { ...memoryContext({ ".milestones/m1.yaml": plan(row.command) }), ci: row.runner ? runner : checks };
      const report = await scan(ctx, await MilestoneHandle.open(ctx, "m1"));
      expect(report.blockers.map((b) => b.type)).toEqual(row.blockers);
      if (row.runs) expect(runner.runs).toEqual(row.runs);
    });
  }
});
