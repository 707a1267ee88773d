import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { failures, runAction } from "./harness.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());
const LOG = ".milestones/logs/m1.jsonl";
const events = (r: ScratchRepo) =>
  r
    .read(LOG)
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as { event: string; actor: string; session_id: string; details: object });

describe("scan", () => {
  it("a failing test command: blockers output, the log escalated as the run's actor and session, setFailed", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write("FAIL", "1");
    const result = await runAction(repo.root, { command: "scan", milestone: "m1" });
    expect(result).toMatchObject({ ok: false, exitCode: 1, outputs: { ok: "false", status: "blocked" } });
    const blockers = JSON.parse(result.outputs.blockers!) as { id: string; type: string; message: string }[];
    expect(blockers).toEqual([
      {
        id: "test_failures",
        type: "test_failures",
        message: expect.stringMatching(
          /^`node check\.mjs` failed with exit code 1; last lines of output:\n1 test failed$/,
        ),
      },
    ]);
    expect(failures(result)).toEqual([
      "1 blocker on m1: test_failures: `node check.mjs` failed with exit code 1; last lines of output:",
    ]);
    const written = events(repo).filter((e) => e.session_id === "gha-42-1");
    expect(written.map((e) => e.event)).toEqual(["blocker_detected", "blockers_escalated", "session_saved"]);
    expect(new Set(written.map((e) => e.actor))).toEqual(new Set(["octocat"]));
    expect(existsSync(join(repo.root, ".milestones/sessions/gha-42-1.yaml"))).toBe(true);
    expect(result.summary).toContain("**1 blocker holds**; the milestone is blocked.");
    expect(result.summary).toContain("Escalated now: `test_failures`.");
    expect(result.summary).toContain("- **test_failures**: `node check.mjs` failed with exit code 1");
    expect(result.summary).toContain("  ```text\n  1 test failed\n  ```");
    expect(result.summary).toContain("Without a token it does not push");

    // The next run escalates nothing new but still fails while the blocker holds.
    const count = events(repo).length;
    const again = await runAction(repo.root, { command: "scan", milestone: "m1" }, { GITHUB_RUN_ID: "43" });
    expect(again.exitCode).toBe(1);
    expect(events(repo).filter((e) => e.event === "blockers_escalated")).toHaveLength(1);
    expect(events(repo).length).toBe(count);
  });

  it("passing tests: no blockers, ok", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    const result = await runAction(repo.root, { command: "scan", milestone: "m1" });
    expect(result).toMatchObject({
      ok: true,
      exitCode: 0,
      outputs: { ok: "true", status: "in_progress", blockers: "[]" },
    });
    expect(result.summary).toContain("## Phasegate scan: `m1`\n\nNo blockers.");
  });

  it("is refused under pull_request_target: the test command never runs and nothing is written", async () => {
    const plan = SAMPLE_PLAN.replace("node check.mjs", "node mark.mjs");
    const mark = 'import { writeFileSync } from "node:fs"; writeFileSync("RAN", "1");\n';
    repo = scratchRepo({ ...sampleFiles(plan), "mark.mjs": mark }, "milestone/m1");
    await repo.cli("execute", "m1");
    const before = repo.read(LOG);
    const result = await runAction(
      repo.root,
      { command: "scan", milestone: "m1" },
      { GITHUB_EVENT_NAME: "pull_request_target" },
    );
    expect(result).toMatchObject({ ok: false, exitCode: 1, outputs: { ok: "false" } });
    expect(failures(result)[0]).toMatch(/^phasegate scan: refused: scan runs the repository's test command/);
    expect(existsSync(join(repo.root, "RAN"))).toBe(false);
    expect(repo.read(LOG)).toBe(before);

    // The same checkout on push runs it: the refusal is what kept it from running above.
    await runAction(repo.root, { command: "scan", milestone: "m1" });
    expect(existsSync(join(repo.root, "RAN"))).toBe(true);
  });
});
