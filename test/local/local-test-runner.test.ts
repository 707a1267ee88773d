import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LocalTestRunner } from "../../local/local-test-runner.js";
import { tempDir } from "./git-fixture.js";

const node = process.execPath;

/** Running (a zombie waiting for an init that may not reap it is not running). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8") : "";
  return !/^\d+ \(.*\) Z/.test(stat);
}

describe("LocalTestRunner.run", () => {
  const root = tempDir();
  const runner = new LocalTestRunner({ root, testTimeoutMs: 10_000 });

  it("is unknown without a test command", async () => {
    expect(await runner.run([])).toEqual({
      state: "unknown",
      summary: "no test_command configured",
    });
    expect(await runner.run([""])).toEqual({
      state: "unknown",
      summary: "no test_command configured",
    });
  });

  it("succeeds on exit 0, running in the working tree without a shell", async () => {
    const script = "require('fs').writeFileSync('ran.txt', process.argv.slice(1).join('|'))";
    const state = await runner.run([node, "-e", script, "$(touch pwned)", "a b;c"]);
    expect(state.state).toBe("success");
    expect(state.summary).toMatch(/passed$/);
    expect(readFileSync(join(root, "ran.txt"), "utf8")).toBe("$(touch pwned)|a b;c");
  });

  it("fails on a non-zero exit, naming the command, the code and the last lines of output", async () => {
    const script = "for (let i = 1; i <= 30; i++) console.log('line ' + i); console.error('boom'); process.exit(3)";
    const state = await runner.run([node, "-e", script]);
    expect(state.state).toBe("failure");
    expect(state.summary).toContain(`failed with exit code 3; last lines of output:`);
    expect(state.summary).toContain(node);
    expect(state.summary).toContain("line 30\nboom");
    expect(state.summary).not.toContain("line 10\n");
    expect(await runner.run([node, "-e", "process.exit(1)"])).toMatchObject({
      state: "failure",
      summary: expect.stringMatching(/exit code 1$/),
    });
  });

  it("fails clearly when the command does not exist", async () => {
    const state = await runner.run(["phasegate-no-such-command", "--flag"]);
    expect(state).toEqual({
      state: "failure",
      summary:
        "cannot run `phasegate-no-such-command --flag`: phasegate-no-such-command not found (check test_command in the plan)",
    });
  });

  it("kills a command that runs too long, with what it started", async () => {
    const grandchild = `const c = require('child_process').spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'inherit' })`;
    const script = `${grandchild}; console.log('started ' + c.pid); setTimeout(() => {}, 30000)`;
    // 1 s leaves a loaded machine time to start both processes before the timeout.
    const fast = new LocalTestRunner({ root, testTimeoutMs: 1_000 });
    const started = Date.now();
    const state = await fast.run([node, "-e", script]);
    // Killing only the child would leave the grandchild holding our pipes: we would wait out the 2 s grace.
    expect(Date.now() - started).toBeLessThan(1_000 + 1_500);
    expect(state.state).toBe("failure");
    expect(state.summary).toMatch(/timed out after 1 s and was killed; last lines of output:\nstarted \d+$/);
    const pid = Number(/started (\d+)$/.exec(state.summary)?.[1]);
    await expect.poll(() => isAlive(pid), { timeout: 1_000 }).toBe(false);
  });
});

describe("LocalTestRunner.diskUsage", () => {
  it("is an integer percentage", async () => {
    const usage = await new LocalTestRunner({ root: tempDir() }).diskUsage();
    expect(Number.isInteger(usage)).toBe(true);
    expect(usage).toBeGreaterThanOrEqual(0);
    expect(usage).toBeLessThanOrEqual(100);
  });
});
