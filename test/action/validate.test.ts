import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { annotations, failures, runAction } from "./harness.js";
import { validatePlans } from "../../action/commands/validate.js";
import { MemoryRepo } from "../helpers/memory/memory-repo.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Line and column (1-based) of the first occurrence of `needle` in `text`. */
function at(text: string, needle: string): { line: string; col: string } {
  const before = text.slice(0, text.indexOf(needle)).split("\n");
  return { line: String(before.length), col: String(before.at(-1)!.length + 1) };
}

const BROKEN = `version: 1
id: m2
title: Broken
status: in_progress
tasks:
  - id: T1
    title: One
    dependencies: [T9]
  - id: T2
    title: Two
    colour: red
`;

/** SAMPLE_PLAN as milestone m2, requiring `requires` when given. */
const m2 = (requires?: string) =>
  SAMPLE_PLAN.replace("id: m1", "id: m2").replace(
    "title: Milestone one",
    `title: Milestone two${requires ? `\ndependencies: { requires: [${requires}] }` : ""}`,
  );

describe("validate refuses what the CLI and the App refuse, in the same words", () => {
  it("an invalid .github/phasegate.yml: annotated at its line, the check fails, as the CLI's validate does", async () => {
    const settings = "labels:\n  prefix: pg\ntime_limts:\n  design: 5d\n";
    repo = scratchRepo({ ...sampleFiles(), ".github/phasegate.yml": settings });
    const result = await runAction(repo.root, { command: "validate" });
    expect(result).toMatchObject({ ok: false, exitCode: 1 });
    const [annotation] = annotations(result);
    expect(annotation?.properties).toMatchObject({ file: ".github/phasegate.yml", line: "3" });
    expect(annotation?.message).toContain("time_limts");
    expect(failures(result)).toEqual([".github/phasegate.yml is invalid"]);
    const cli = await repo.cli("validate");
    expect(cli.code).toBe(1);
    expect(cli.err).toContain(".github/phasegate.yml:3:1");
    // Fixed, both pass; the summary lists the file with the plans.
    repo.write(".github/phasegate.yml", settings.replace("time_limts", "time_limits"));
    const fixed = await runAction(repo.root, { command: "validate" });
    expect(fixed).toMatchObject({ ok: true, exitCode: 0 });
    expect(fixed.summary).toContain("1 of 1 plans valid.");
    expect(fixed.summary).toMatch(/\| `\.github\/phasegate\.yml` \| settings \| valid/);
    expect((await repo.cli("validate")).code).toBe(0);
  });

  it("m1.yaml and m1.yml: each annotated as ambiguous", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".milestones/m1.yml": SAMPLE_PLAN });
    const result = await runAction(repo.root, { command: "validate" });
    expect(result).toMatchObject({ ok: false, exitCode: 1 });
    const message = 'milestone "m1" has more than one plan file: .milestones/m1.yaml, .milestones/m1.yml; keep one';
    expect(annotations(result).map((a) => [a.properties.file, a.properties.title, a.message])).toEqual([
      [".milestones/m1.yaml", "phasegate: ambiguous-plan", message],
      [".milestones/m1.yml", "phasegate: ambiguous-plan", message],
    ]);
  });

  it("a symlinked plan: annotated, not followed", async () => {
    repo = scratchRepo({ ...sampleFiles(), "plans/m2.yaml": m2() });
    symlinkSync("../plans/m2.yaml", join(repo.root, ".milestones/m2.yaml"));
    const result = await runAction(repo.root, { command: "validate" });
    expect(result).toMatchObject({ ok: false, exitCode: 1 });
    expect(annotations(result).map((a) => [a.properties.file, a.properties.title])).toEqual([
      [".milestones/m2.yaml", "phasegate: symlinked-plan"],
    ]);
    expect(annotations(result)[0]!.message).toMatch(/^refused path "\.milestones\/m2\.yaml": it is a symlink, and git/);
    expect(failures(result)).toEqual(["1 of 2 plans invalid: .milestones/m2.yaml"]);
  });

  it("a required milestone that does not exist: annotated at the entry; an existing one is fine", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".milestones/m2.yaml": m2("m9") });
    const result = await runAction(repo.root, { command: "validate" });
    expect(annotations(result).map((a) => a.properties)).toEqual([
      { title: "phasegate: unknown-milestone", file: ".milestones/m2.yaml", ...at(m2("m9"), "m9") },
    ]);
    repo.cleanup();
    repo = scratchRepo({ ...sampleFiles(), ".milestones/m2.yaml": m2("m1") });
    expect(await runAction(repo.root, { command: "validate" })).toMatchObject({ ok: true, exitCode: 0 });
  });
});

describe("validate", () => {
  it("a valid plan: the ok output, a summary row, no annotations", async () => {
    repo = scratchRepo(sampleFiles());
    const result = await runAction(repo.root, { command: "validate" });
    expect(result).toMatchObject({ ok: true, exitCode: 0, outputs: { ok: "true" } });
    expect(result.commands.filter((c) => c.command === "error" || c.command === "warning")).toEqual([]);
    expect(result.summary).toContain("1 of 1 plans valid.");
    expect(result.summary).toContain("| `.milestones/m1.yaml` | 2 | valid |");
  });

  it("an invalid plan: one annotation per issue at its line and column, then setFailed", async () => {
    repo = scratchRepo({ ...sampleFiles(), ".milestones/active/m2.yaml": BROKEN });
    const result = await runAction(repo.root, { command: "validate" });
    expect(result).toMatchObject({ ok: false, exitCode: 1, outputs: { ok: "false" } });
    const file = ".milestones/active/m2.yaml";
    // Every error in one run, by position: the unknown dependency does not wait for the format error.
    expect(annotations(result).map((a) => a.properties)).toEqual([
      { title: "phasegate: unknown-dependency", file, ...at(BROKEN, "T9") },
      { title: "phasegate: unknown-key", file, ...at(BROKEN, "colour") },
    ]);
    expect(annotations(result)[1]!.message).toMatch(/^unknown key `colour` \(hint: /);
    // The derived `status` field is a warning, annotated as one.
    expect(annotations(result, "warning").map((a) => a.properties)).toEqual([
      { title: "phasegate: derived-field", file, ...at(BROKEN, "status") },
    ]);
    expect(failures(result)).toEqual([`1 of 2 plans invalid: ${file}`]);
    expect(result.summary).toContain("1 of 2 plans valid.");
    expect(result.summary).toContain(`| \`${file}\` | – | **invalid**: 2 errors, 1 warning |`);
    expect(result.summary).toContain(`- ${file}:11:5: error: unknown key`);
  });

  it("an unknown task dependency is located at the dependency", async () => {
    const plan = BROKEN.replace("    colour: red\n", "").replace("status: in_progress\n", "");
    repo = scratchRepo({ ".milestones/m2.yaml": plan });
    const result = await runAction(repo.root, { command: "validate" });
    expect(annotations(result).map((a) => [a.properties.line, a.properties.col])).toEqual([
      [at(plan, "T9").line, at(plan, "T9").col],
    ]);
    expect(result.exitCode).toBe(1);
  });

  it("annotates at most 50 issues and says how many more; the summary lists them all", async () => {
    let plan = "version: 1\nid: m3\ntitle: Many\ntasks:\n";
    for (let i = 1; i <= 60; i++) plan += `  - id: T${i}\n    title: Task ${i}\n    bogus: ${i}\n`;
    repo = scratchRepo({ ".milestones/m3.yaml": plan });
    const result = await runAction(repo.root, { command: "validate" });
    expect(annotations(result)).toHaveLength(50);
    expect(result.commands.filter((c) => c.command === "notice").map((c) => c.message)).toEqual([
      "10 more plan issues are not annotated; the job summary lists them",
    ]);
    expect(result.summary).toContain("### Issues (60)");
    expect(result.summary).toContain(".milestones/m3.yaml:184:5: error: unknown key `bogus`");
  });

  it("path: files and folders relative to working-directory, confined to the repository", async () => {
    repo = scratchRepo({ "plans/m1.yaml": SAMPLE_PLAN, "plans/completed/m2.yaml": BROKEN, "sub/README.md": "x\n" });
    const folder = await runAction(repo.root, { command: "validate", path: "../plans", "working-directory": "sub" });
    expect(folder.summary).toContain("1 of 2 plans valid.");
    expect(annotations(folder)[0]!.properties.file).toBe("plans/completed/m2.yaml");
    const one = await runAction(repo.root, { command: "validate", path: "plans/m1.yaml" });
    expect(one).toMatchObject({ ok: true, outputs: { ok: "true" } });
    const outside = await runAction(repo.root, { command: "validate", path: "../elsewhere.yaml" });
    expect(outside.exitCode).toBe(1);
    expect(failures(outside)[0]).toMatch(/^phasegate validate: refused path "\.\.\/elsewhere\.yaml"/);
    const missing = await runAction(repo.root, { command: "validate", path: "nope.yaml" });
    expect(failures(missing)).toEqual([
      'phasegate validate: input "path": nope.yaml: no such file or folder in the repository',
    ]);
  });

  it("no plans: succeeds with a warning", async () => {
    repo = scratchRepo({ "README.md": "hi\n" });
    const result = await runAction(repo.root, { command: "validate" });
    expect(result).toMatchObject({ ok: true, exitCode: 0 });
    expect(result.commands.find((c) => c.command === "warning")?.message).toMatch(/^no plan files found/);
  });

  it("takes the files through the FileReader port: any reader with a root, not only a LocalRepo", async () => {
    const files = await MemoryRepo.create({
      ".milestones/m1.yaml": SAMPLE_PLAN,
      ".milestones/m2.yaml": BROKEN,
    }).snapshot("main");
    // No folder of that name exists: every read goes through the reader.
    const outcome = await validatePlans(Object.assign(files, { root: "/nonexistent/checkout" }), "/nonexistent", []);
    expect(outcome.failure).toBe("1 of 2 plans invalid: .milestones/m2.yaml");
    expect(outcome.summary).toContain("| `.milestones/m1.yaml` | 2 | valid |");
  });
});
