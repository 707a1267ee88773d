import { existsSync, symlinkSync } from "node:fs";
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

/** SAMPLE_PLAN as milestone m2, requiring `requires`. */
const m2 = (requires: string) =>
  SAMPLE_PLAN.replace("id: m1", "id: m2").replace(
    "title: Milestone one",
    `title: Milestone two\ndependencies: { requires: [${requires}] }`,
  );

describe("phasegate validate: the plan check the Action and the App run, as file:line:column", () => {
  it("m1.yaml and m1.yml: each file reported as ambiguous, exit 1", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".milestones/m1.yml": SAMPLE_PLAN });
    const result = await repo.cli("validate");
    expect(result.code).toBe(1);
    const message = 'milestone "m1" has more than one plan file: .milestones/m1.yaml, .milestones/m1.yml; keep one';
    expect(result.err).toContain(`.milestones/m1.yaml:1:1: error: ${message}\n`);
    expect(result.err).toContain(`.milestones/m1.yml:1:1: error: ${message}\n`);
  });

  it("a symlinked plan, named or found: reported at the link, exit 1", async () => {
    repo = scratchRepo({ ...sampleFiles(), "plans/m2.yaml": m2("m1") });
    symlinkSync("../plans/m2.yaml", join(repo.root, ".milestones/m2.yaml"));
    const line = '.milestones/m2.yaml:1:1: error: refused path ".milestones/m2.yaml": it is a symlink, and git keeps';
    for (const args of [[], [".milestones/m2.yaml"]]) {
      const result = await repo.cli("validate", ...args);
      expect(result.code).toBe(1);
      expect(result.err).toContain(line);
    }
  });

  it("a required milestone that does not exist, exit 1; an existing one, exit 0", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".milestones/m2.yaml": m2("m9") });
    const result = await repo.cli("validate", ".milestones/m2.yaml");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/^\.milestones\/m2\.yaml:\d+:\d+: error: milestone `m9` is not a known milestone/m);
    repo.cleanup();
    repo = scratchRepo({ ...sampleFiles(), ".milestones/m2.yaml": m2("m1") });
    expect(await repo.cli("validate", ".milestones/m2.yaml")).toMatchObject({ code: 0 });
  });
});

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
