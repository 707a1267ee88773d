import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, REQUIREMENTS, sampleFiles, TASKS_DONE, TASKS_OPEN } from "../helpers/sample-plan.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

const status = async (r: ScratchRepo) => JSON.parse((await r.cli("status", "m1", "--json")).out);

/** Write the deliverables of `phase` for spec folder `spec`. */
function work(r: ScratchRepo, spec: string, phase: string) {
  const base = `.kiro/specs/${spec}`;
  if (phase === "design") r.write(`${base}/design.md`, DESIGN);
  if (phase === "spec") r.write(`${base}/requirements.md`, REQUIREMENTS);
  if (phase === "task") r.write(`${base}/tasks.md`, TASKS_OPEN);
  if (phase === "execute") r.write(`${base}/tasks.md`, TASKS_DONE);
}

describe("phasegate lifecycle in local mode", () => {
  it("takes a milestone from planned to completed at 100 %", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    expect((await repo.cli("execute", "m1")).code).toBe(0);
    let view = await status(repo);
    expect(view.milestone.status).toBe("in_progress");
    expect(
      view.tasks.map((t: { id: string; phase: string | null; status: string }) => [t.id, t.status, t.phase]),
    ).toEqual([
      ["T1", "in_progress", "design"],
      ["T2", "pending", null],
    ]);
    for (let round = 0; round < 12 && view.milestone.status !== "completed"; round++) {
      for (const t of view.tasks.filter((t: { status: string }) => t.status === "in_progress"))
        work(repo, t.id === "T1" ? "first" : "second", t.phase);
      await repo.cli("execute", "m1");
      view = await status(repo);
      for (const t of view.tasks.filter((t: { status: string }) => t.status === "in_progress")) {
        if (t.awaiting_approval) expect((await repo.cli("approve", "m1", t.id, "--as", "alice")).err).toBe("");
      }
      view = await status(repo);
    }
    expect(view.milestone).toMatchObject({ status: "completed", progress: 100, tasks_completed: 2 });
    expect((await repo.cli("verify", "m1")).out).toContain("every transition follows the rules");
    const log = repo
      .read(".milestones/logs/m1.jsonl")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    expect(log.filter((e) => e.event === "phase_approved").map((e) => [e.task_id, e.phase, e.actor])).toEqual([
      ["T1", "design", "alice"],
      ["T1", "spec", "alice"],
      ["T1", "execute", "alice"],
      ["T2", "design", "alice"],
      ["T2", "spec", "alice"],
      ["T2", "execute", "alice"],
    ]);
    expect(log.at(-1).event === "milestone_completed" || log.some((e) => e.event === "milestone_completed")).toBe(true);
  });

  it("refuses to approve a phase whose deliverables are missing, naming them, and writes nothing", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    const before = repo.read(".milestones/logs/m1.jsonl");
    const result = await repo.cli("approve", "m1", "T1", "--as", "alice");
    expect(result.code).toBe(1);
    expect(result.err).toContain("missing: .kiro/specs/first/design.md");
    expect(repo.read(".milestones/logs/m1.jsonl")).toBe(before);
  });

  it("refuses to start or claim a task before its dependencies are completed", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("activate", "m1");
    for (const verb of ["start", "claim"]) {
      const result = await repo.cli(verb, "m1", "T2", "--as", "bob");
      expect(result.code).toBe(1);
      expect(result.err).toContain("T2 depends on T1");
    }
  });

  it("refuses approval by the task's own assignee and by someone not listed", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    work(repo, "first", "design");
    const self = await repo.cli("approve", "m1", "T1", "--as", "bob");
    expect(self.code).toBe(1);
    expect(self.err).toContain("bob is not an approver");
    const stranger = await repo.cli("approve", "m1", "T1", "--as", "mallory");
    expect(stranger.err).toMatch(/→ approvers: alice/);
  });

  it("reads approvers from the default branch, not from the milestone branch's copy of the plan", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    repo.write(
      ".milestones/m1.yaml",
      repo.read(".milestones/m1.yaml").replace("approvers: [alice]", "approvers: [alice, mallory]"),
    );
    await repo.cli("execute", "m1");
    work(repo, "first", "design");
    expect((await repo.cli("approve", "m1", "T1", "--as", "mallory")).code).toBe(1);
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).code).toBe(0);
  });

  it("refuses activation while a required milestone is not completed", async () => {
    const plan = sampleFiles().valueOf() as Record<string, string>;
    plan[".milestones/m1.yaml"] = plan[".milestones/m1.yaml"]!.replace(
      "approvers:",
      "dependencies:\n  requires: [base]\napprovers:",
    );
    plan[".milestones/base.yaml"] = "version: 1\nid: base\ntitle: Base\ntasks:\n  - id: B1\n    title: Base work\n";
    repo = scratchRepo(plan, "milestone/m1");
    const result = await repo.cli("activate", "m1");
    expect(result.code).toBe(1);
    expect(result.err).toContain("required milestones are not completed: base (planned)");
    expect((await status(repo)).milestone.status).toBe("planned");
  });

  it("pauses and resumes", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("activate", "m1");
    expect((await repo.cli("pause", "m1", "--reason", "holidays")).code).toBe(0);
    expect((await status(repo)).milestone.status).toBe("paused");
    expect((await repo.cli("approve", "m1", "T1", "--as", "alice")).err).toContain("milestone m1 is paused");
    expect((await repo.cli("resume", "m1")).code).toBe(0);
    expect((await status(repo)).milestone.status).toBe("in_progress");
  });
});
