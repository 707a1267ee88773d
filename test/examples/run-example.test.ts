import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");

describe("the README's example (`npm run example`)", () => {
  it("takes auth-v2 from planned to completed with the built CLI", () => {
    const run = spawnSync(process.execPath, [join(ROOT, "examples", "run-example.mjs"), "--quiet"], {
      cwd: ROOT,
      encoding: "utf8",
    });
    const scratch = /cd (\S+phasegate-example-\S+) &&/.exec(run.stdout)?.[1];
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    expect(run.status, run.stderr + run.stdout).toBe(0);
    expect(run.stdout).toContain("Done: auth-v2 completed at 100 %");
  });
});
