import { afterEach, describe, expect, it } from "vitest";
import { DESIGN, SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { failures, runAction } from "./harness.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());
const LOG = ".milestones/logs/m1.jsonl";

describe("status", () => {
  it("writes the dashboard as the job summary and sets status, progress and blockers", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1", "--as", "bob")).code).toBe(0);
    const before = [repo.git("status", "--porcelain"), repo.read(LOG)];
    const result = await runAction(repo.root, { command: "status", milestone: "m1" });
    expect(result).toMatchObject({
      ok: true,
      exitCode: 0,
      outputs: { ok: "true", status: "in_progress", progress: "0", blockers: "[]" },
    });
    const summary = result.summary;
    expect(summary).toContain("## Milestone one (`m1`) · in_progress");
    expect(summary).toContain("`░░░░░░░░░░░░░░░░░░░░` **0.0 %** · 0/2 tasks completed · branch `milestone/m1`");
    expect(summary).toContain(
      "| `T1` | First task | in design | `░░░░░░░░░░` 0.0 % | **design** ▸ · spec · task · execute |",
    );
    expect(summary).toContain("| `T2` | Second task | pending |");
    expect(summary).toContain("waits for T1 |");
    expect(summary).toMatch(/\| 1 \| \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \| milestone_activated \| {2}\| {2}\| bob \|/);
    expect(summary).toContain("### Blockers\n\nNone.");
    expect([repo.git("status", "--porcelain"), repo.read(LOG)]).toEqual(before); // status writes nothing
  });

  it("progress follows the log: the design phase approved is 15 %", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
    const result = await runAction(repo.root, { command: "status", milestone: "m1" });
    expect(result.outputs.progress).toBe("7.5");
    expect(result.summary).toContain("| `T1` | First task | in spec | `██░░░░░░░░` 15.0 % | design ✓ · **spec** ▸");
  });

  it("fails when the log does not verify, and says where", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    const lines = repo.read(LOG).split("\n");
    lines[1] = lines[1]!.replace('"actor":"', '"actor":"X'); // line 2
    repo.write(LOG, lines.join("\n"));
    const result = await runAction(repo.root, { command: "status", milestone: "m1" });
    expect(result).toMatchObject({ ok: false, exitCode: 1, outputs: { ok: "false" } });
    expect(failures(result)[0]).toMatch(/^the event log of m1 does not verify: tampered at line 2: /);
    expect(result.summary).toContain("> [!CAUTION]\n> The event log does not verify: tampered at line 2");
  });

  it("escapes plan text in the summary, and refuses an unknown milestone", async () => {
    const plan = SAMPLE_PLAN.replace("title: First task", 'title: "a | b <script>x</script>"');
    repo = scratchRepo(sampleFiles(plan));
    const result = await runAction(repo.root, { command: "status", milestone: "m1" });
    expect(result.summary).toContain("| a \\| b &lt;script&gt;x&lt;/script&gt; |");
    expect(result.summary).not.toContain("<script>");
    const unknown = await runAction(repo.root, { command: "status", milestone: "m9" });
    expect(unknown.exitCode).toBe(1);
    expect(failures(unknown)).toEqual([
      'phasegate status: refused: no plan for milestone "m9" in .milestones/ on main (milestones on main: m1)',
    ]);
  });

  it("an invalid plan is annotated at its line", async () => {
    repo = scratchRepo(sampleFiles(SAMPLE_PLAN.replace("    spec: first\n", "    spec: first\n    colour: red\n")));
    const result = await runAction(repo.root, { command: "status", milestone: "m1" });
    expect(result.exitCode).toBe(1);
    const error = result.commands.find((c) => c.command === "error" && c.properties.file);
    expect(error?.properties).toMatchObject({ file: ".milestones/m1.yaml", line: "11", col: "5" });
    expect(failures(result)).toEqual([".milestones/m1.yaml is invalid: 1 error (see the annotations)"]);
    expect(result.summary).toContain("\n- .milestones/m1.yaml:11:5: error: unknown key `colour`");
  });
});
