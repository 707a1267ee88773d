import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { failures, runAction } from "./harness.js";

let repo: ScratchRepo;
let other: ScratchRepo | undefined;
afterEach(() => {
  repo?.cleanup();
  other?.cleanup();
  other = undefined;
});

describe("the workspace", () => {
  it("refuses a working-directory outside the workspace, relative or absolute", async () => {
    repo = scratchRepo(sampleFiles());
    other = scratchRepo(sampleFiles());
    for (const dir of ["../" + other.root.split("/").pop(), other.root]) {
      const result = await runAction(repo.root, { command: "validate", "working-directory": dir });
      expect(result.ok).toBe(false);
      expect(result.outputs.ok).toBe("false");
      expect(failures(result).join("\n")).toMatch(/working-directory.*outside the workspace/);
    }
  });

  it("the default path follows working-directory", async () => {
    const broken = SAMPLE_PLAN.replace("title: Milestone one", "title: [unclosed");
    repo = scratchRepo({ ...sampleFiles(broken), "sub/.milestones/m2.yaml": SAMPLE_PLAN.replace("id: m1", "id: m2") });
    const result = await runAction(repo.root, { command: "validate", "working-directory": "sub" });
    expect(result).toMatchObject({ ok: true, outputs: { ok: "true" } });
    expect(result.summary).toContain("sub/.milestones/m2.yaml");
    expect(result.summary).not.toContain(".milestones/m1.yaml");
  });

  // Security round 3, item 6: a folder whose name starts with two dots is inside; only real escapes are refused.
  it.each(["..legit", "...", "..a/sub", "./..legit", "x/../..legit", "..legit/"])(
    "accepts %j, a folder inside the workspace",
    async (dir) => {
      const folder = dir
        .replace(/^\.\//, "")
        .replace(/^x\/\.\.\//, "")
        .replace(/\/$/, "");
      repo = scratchRepo({
        ...sampleFiles(),
        [`${folder}/.milestones/m2.yaml`]: SAMPLE_PLAN.replace("id: m1", "id: m2"),
      });
      const result = await runAction(repo.root, { command: "validate", "working-directory": dir });
      expect(failures(result)).toEqual([]);
      expect(result).toMatchObject({ ok: true, outputs: { ok: "true" } });
      expect(result.summary).toContain(`${folder}/.milestones/m2.yaml`);
    },
  );

  it.each(["..", "../", "sub/../..", "..//..", "./.."])("refuses %j, which leaves the workspace", async (dir) => {
    repo = scratchRepo(sampleFiles());
    const result = await runAction(repo.root, { command: "validate", "working-directory": dir });
    expect(result.ok).toBe(false);
    expect(failures(result).join("\n")).toMatch(/working-directory.*outside the workspace/);
  });

  it("refuses a folder named like `..out` that is a symlink leading outside", async () => {
    repo = scratchRepo(sampleFiles());
    other = scratchRepo(sampleFiles());
    symlinkSync(other.root, join(repo.root, "..out"));
    const result = await runAction(repo.root, { command: "validate", "working-directory": "..out" });
    expect(result.ok).toBe(false);
    expect(failures(result).join("\n")).toMatch(/working-directory.*outside the workspace/);
  });
});
