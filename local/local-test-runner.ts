/**
 * The CI signal in local mode (and in an Action with `run-tests`): the plan's test command, run in
 * the working tree without a shell, whatever branch is checked out; and the disk the tests run on.
 */
import { statfs } from "node:fs/promises";
import type { CheckState, TestRunner } from "../core/index.js";
import { childProcess } from "./child-process.js";

export interface LocalTestRunnerOptions {
  /** Top level of the working tree: where the test command runs. */
  root: string;
  /** The test command is killed (with its children) after this long. Default 10 minutes. */
  testTimeoutMs?: number;
}

/** Output kept from the test command, and lines of it quoted in a failure's summary. */
const TAIL_BYTES = 16 * 1024;
const TAIL_LINES = 20;

export class LocalTestRunner implements TestRunner {
  readonly kind = "test-command";
  private readonly root: string;
  private readonly testTimeoutMs: number;

  constructor(options: LocalTestRunnerOptions) {
    this.root = options.root;
    this.testTimeoutMs = options.testTimeoutMs ?? 10 * 60_000;
  }

  /** Runs `argv` (never through a shell) in the working tree. */
  async run(argv: string[]): Promise<CheckState> {
    const [file, ...args] = argv;
    if (file === undefined || file === "") return { state: "unknown", summary: "no test_command configured" };
    const shown = [file, ...args].map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : JSON.stringify(arg))).join(" ");
    const run = await runCommand(file, args, this.root, this.testTimeoutMs);
    const tail = lastLines(run.output);
    const withTail = (summary: string) => (tail === "" ? summary : `${summary}; last lines of output:\n${tail}`);
    switch (run.outcome) {
      case "exit":
        if (run.code === 0) return { state: "success", summary: `\`${shown}\` passed` };
        return {
          state: "failure",
          summary: withTail(
            `\`${shown}\` failed with ${run.code === null ? `signal ${run.signal}` : `exit code ${run.code}`}`,
          ),
        };
      case "timeout":
        return {
          state: "failure",
          summary: withTail(`\`${shown}\` timed out after ${formatDuration(this.testTimeoutMs)} and was killed`),
        };
      case "spawn-error":
        return {
          state: "failure",
          summary:
            run.code === "ENOENT"
              ? `cannot run \`${shown}\`: ${file} not found (check test_command in the plan)`
              : `cannot run \`${shown}\`: ${run.message}`,
        };
    }
  }

  /** Used space of the working tree's file system as `df` counts it (space reserved for root excluded). */
  async diskUsage(): Promise<number | undefined> {
    const fs = await statfs(this.root);
    const used = fs.blocks - fs.bfree;
    const usable = used + fs.bavail;
    return usable > 0 ? Math.ceil((used * 100) / usable) : undefined;
  }
}

type RunResult = { output: string } & (
  | { outcome: "exit"; code: number | null; signal: NodeJS.Signals | null }
  | { outcome: "timeout" }
  | { outcome: "spawn-error"; code: string | undefined; message: string }
);

/**
 * Run a command without a shell, keeping the tail of its output. On POSIX it gets its own process
 * group so that a timeout, or our own SIGINT/SIGTERM, also stops what it started (npm → sh → vitest).
 */
function runCommand(file: string, args: string[], cwd: string, timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve) => {
    const group = process.platform !== "win32";
    const child = childProcess().spawn(file, args, {
      cwd,
      shell: false,
      detached: group,
      stdio: ["ignore", "pipe", "pipe"],
      windowsHide: true,
    });
    let tail = Buffer.alloc(0);
    const keep = (chunk: Buffer) => {
      tail = Buffer.concat([tail, chunk]);
      if (tail.length > TAIL_BYTES) tail = tail.subarray(tail.length - TAIL_BYTES);
    };
    child.stdout.on("data", keep);
    child.stderr.on("data", keep);
    const kill = () => {
      try {
        if (group && child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
        else child.kill("SIGKILL");
      } catch {
        // already gone
      }
    };
    const forward = (signal: NodeJS.Signals) => {
      kill();
      cleanup();
      process.kill(process.pid, signal); // our handler is gone: the default (or the CLI's) runs
    };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, timeoutMs);
    let grace: NodeJS.Timeout | undefined;
    process.on("SIGINT", forward).on("SIGTERM", forward);
    function cleanup() {
      clearTimeout(timer);
      clearTimeout(grace);
      process.off("SIGINT", forward).off("SIGTERM", forward);
    }
    let settled = false;
    const settle = (result: RunResult) => {
      if (settled) return;
      settled = true;
      cleanup();
      child.stdout.destroy();
      child.stderr.destroy();
      resolve(result);
    };
    const output = () => tail.toString("utf8");
    child.on("error", (error: NodeJS.ErrnoException) =>
      settle({ outcome: "spawn-error", code: error.code, message: error.message, output: output() }),
    );
    child.on("exit", (code, signal) => {
      const result = (): RunResult =>
        timedOut ? { outcome: "timeout", output: output() } : { outcome: "exit", code, signal, output: output() };
      child.on("close", () => settle(result()));
      // Something it started in the background may hold the pipes open; do not wait for it forever.
      grace = setTimeout(() => settle(result()), 2_000);
    });
  });
}

function lastLines(output: string): string {
  const lines = output.replace(/\r\n?/g, "\n").trimEnd().split("\n");
  return lines.slice(-TAIL_LINES).join("\n").trim();
}

function formatDuration(ms: number): string {
  return ms >= 60_000 && ms % 60_000 === 0 ? `${ms / 60_000} min` : ms >= 1_000 ? `${ms / 1_000} s` : `${ms} ms`;
}
