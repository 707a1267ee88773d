/** `npm run lint` fails when two folders of core/, or two modules, import each other, directly or around a loop. */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const SCRIPT = join(ROOT, "scripts/check-core-cycles.mjs");
const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the check on a core made of `files` (path → source); its exit code and what it printed. */
function check(files: Record<string, string> | undefined) {
  let root = join(ROOT, "core");
  if (files) {
    root = mkdtempSync(join(tmpdir(), "core-cycles-"));
    dirs.push(root);
    for (const [path, source] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), source);
    }
  }
  try {
    return { code: 0, out: execFileSync(process.execPath, [SCRIPT, root], { encoding: "utf8", stdio: "pipe" }) };
  } catch (error) {
    const e = error as { status: number; stderr: string };
    return { code: e.status, out: e.stderr };
  }
}

describe("check-core-cycles", () => {
  it("passes on the core as it is", () => {
    expect(check(undefined)).toEqual({
      code: 0,
      out: "core/: no import cycle between its folders.\ncore/: no import cycle between its modules.\n",
    });
  });

  it("passes on folders that import down only, and within themselves", () => {
    const result = check({
      "plan/plan.ts": 'import { x } from "./slug.js";',
      "plan/slug.ts": "export const x = 1;",
      "workflow/decide.ts": 'import type { Plan } from "../plan/plan.js";',
      "ports.ts": 'import type { Plan } from "./plan/plan.js";',
    });
    expect(result.code).toBe(0);
  });

  it("fails on two folders that import each other, even by type only, and names the imports", () => {
    const result = check({
      "plan/build.ts": 'import { presets } from "../workflow/presets.js";',
      "workflow/presets.ts": 'import type { Phase } from "../plan/build.js";',
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain("these folders import each other in a cycle: plan, workflow");
    expect(result.out).toContain("plan → workflow: plan/build.ts imports ../workflow/presets.js");
    expect(result.out).toContain("workflow → plan: workflow/presets.ts imports ../plan/build.js");
  });

  it("fails on a loop through three folders and a module at the top of core/", () => {
    const result = check({
      "rules/detect.ts": 'import type { CheckState } from "../ports.js";',
      "ports.ts": 'export type { Projection } from "./projection/projection.js";',
      "projection/projection.ts": 'const table = await import("../rules/detect.js");',
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain("cycle: ports.ts, projection, rules");
  });

  it("fails on two modules of one folder that import each other by type only, and names the imports", () => {
    const result = check({
      "use-cases/handle.ts": 'import { explain } from "./explain.js";',
      "use-cases/explain.ts": 'import type { Handle } from "./handle.js";',
    });
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      "these modules import each other in a cycle: use-cases/explain.ts, use-cases/handle.ts",
    );
    expect(result.out).toContain(
      "use-cases/explain.ts → use-cases/handle.ts: use-cases/explain.ts imports ./handle.js",
    );
    expect(result.out).not.toContain("these folders import each other");
  });
});
