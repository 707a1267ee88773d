import type { BranchChecks, CheckState, TestRunner } from "../../../core/index.js";

/** Branch checks in memory: each branch's verdict as the test sets it; a branch without one is unknown. */
export class MemoryChecks implements BranchChecks {
  readonly kind = "branch-checks";
  readonly branches = new Map<string, CheckState>();

  async checkState(branch: string): Promise<CheckState> {
    return this.branches.get(branch) ?? { state: "unknown", summary: "no checks ran" };
  }
}

/** A test command in memory: the verdict per command (joined by spaces) as the test sets it, and the runs made. */
export class MemoryTestRunner implements TestRunner {
  readonly kind = "test-command";
  readonly verdicts = new Map<string, CheckState>();
  readonly runs: string[][] = [];
  disk: number | undefined = undefined;

  async run(argv: string[]): Promise<CheckState> {
    if (argv[0] === undefined || argv[0] === "") return { state: "unknown", summary: "no test_command configured" };
    this.runs.push(argv);
    return this.verdicts.get(argv.join(" ")) ?? { state: "failure", summary: `\`${argv.join(" ")}\` failed` };
  }

  async diskUsage(): Promise<number | undefined> {
    return this.disk;
  }
}
