import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

const broken = SAMPLE_PLAN.replace("    dependencies: [T1]", "    dependencies: [T9]").replace(
  "    assignees: [bob]",
  "    asignees: [bob]",
);

describe("phasegate validate and invalid plans", () => {
  it("accepts a valid plan", async () => {
    repo = scratchRepo(sampleFiles());
    expect(await repo.cli("validate")).toMatchObject({ code: 0, out: expect.stringContaining("1/1 plans valid") });
  });

  it.each([
    ["an unknown key", broken, /^\.milestones\/m1\.yaml:11:5: error: .*asignees.*did you mean `assignees`/m],
    ["an unknown dependency", SAMPLE_PLAN.replace("[T1]", "[T9]"), /^\.milestones\/m1\.yaml:15:20: error: .*T9.*hint/m],
    [
      "a cycle",
      SAMPLE_PLAN.replace("    assignees: [bob]", "    assignees: [bob]\n    dependencies: [T2]"),
      /error: .*T1 → T2 → T1/,
    ],
  ])("reports %s as file:line:column with a hint, exit 1", async (_name, plan, pattern) => {
    repo = scratchRepo(sampleFiles(plan));
    const result = await repo.cli("validate", ".milestones/m1.yaml");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(pattern);
  });

  it("reports an invalid .github/phasegate.yml as file:line:column too, exit 1; a valid one is ok", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".github/phasegate.yml": "time_limits:\n  design: soon\n" });
    const result = await repo.cli("validate");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^\.github\/phasegate\.yml:2:11: error: .*design/m);
    expect(result.out).toContain("FAIL .github/phasegate.yml");
    repo.cleanup();
    repo = scratchRepo({ ...sampleFiles(), ".github/phasegate.yml": "time_limits:\n  design: 2d\n" });
    expect(await repo.cli("validate")).toMatchObject({
      code: 0,
      out: expect.stringContaining("ok   .github/phasegate.yml"),
    });
  });

  it("an invalid plan makes every command refuse, and nothing is written", async () => {
    repo = scratchRepo(sampleFiles(broken), "milestone/m1");
    for (const args of [
      ["execute", "m1"],
      ["activate", "m1"],
      ["status", "m1"],
    ]) {
      const result = await repo.cli(...args);
      expect(result.code).toBe(1);
      expect(result.err).toMatch(/\.milestones\/m1\.yaml:\d+:\d+: error:/);
    }
    expect(existsSync(join(repo.root, ".milestones/logs"))).toBe(false);
    expect(repo.git("status", "--porcelain")).toBe("");
  });

  it("--json reports issues as data", async () => {
    repo = scratchRepo(sampleFiles(broken));
    const result = await repo.cli("validate", "--json");
    const json = JSON.parse(result.out);
    expect(json.ok).toBe(false);
    expect(json.files[0].issues[0]).toMatchObject({
      file: ".milestones/m1.yaml",
      line: expect.any(Number),
      column: expect.any(Number),
      hint: expect.any(String),
    });
  });

  it("usage errors exit 2", async () => {
    repo = scratchRepo(sampleFiles());
    expect((await repo.cli("approve", "m1")).code).toBe(2);
    expect((await repo.cli("status", "m1", "--bogus")).code).toBe(2);
    expect((await repo.cli("frobnicate")).code).toBe(2);
  });
});
