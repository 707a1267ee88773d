import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, sampleFiles } from "../helpers/sample-plan.js";

/** Two independent tasks: T1's deliverable will be a symlink out of the repository. */
const PLAN = `version: 1
id: m1
title: Milestone one
approvers: [alice]
tasks:
  - id: T1
    title: First task
    spec: first
  - id: T2
    title: Second task
    spec: second
`;

let repo: ScratchRepo;
let outside: string;
afterEach(() => {
  repo?.cleanup();
  if (outside) rmSync(outside, { recursive: true, force: true });
});

describe("one bad task does not stop the others", () => {
  it("execute advances the other tasks, names the bad one with the refusal, and exits 1", async () => {
    repo = scratchRepo(sampleFiles(PLAN), "milestone/m1");
    outside = mkdtempSync(join(tmpdir(), "phasegate-outside-"));
    writeFileSync(join(outside, "design.md"), DESIGN);
    repo.write(".kiro/specs/second/design.md", DESIGN);
    repo.write(".kiro/specs/first/.keep", "");
    symlinkSync(join(outside, "design.md"), join(repo.root, ".kiro/specs/first/design.md"));

    const result = await repo.cli("execute", "m1", "--json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.out) as {
      problems: { task_id: string; phase: string; reasons: string[] }[];
      status: { tasks: { id: string; status: string }[] };
    };
    expect(report.problems).toEqual([
      { task_id: "T1", phase: "design", reasons: [expect.stringMatching(/design\.md.*outside the repository/)] },
    ]);
    expect(report.status.tasks.map((t) => [t.id, t.status])).toEqual([
      ["T1", "in_progress"],
      ["T2", "in_progress"],
    ]);
    const log = repo.read(".milestones/logs/m1.jsonl");
    expect(log).toMatch(
      /"event":"deliverables_validated"[^\n]*"task_id":"T2"|"task_id":"T2"[^\n]*"deliverables_validated"/,
    );

    const text = await repo.cli("execute", "m1");
    expect(text.code).toBe(1);
    expect(text.out).toMatch(/Problems:\n {2}T1 \(design\): .*outside the repository/);
  });
});
