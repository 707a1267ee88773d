import { afterEach, describe, expect, it } from "vitest";
import { parseLog } from "../../core/events/parse-log.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, sampleFiles } from "../helpers/sample-plan.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

describe("concurrent commands on one milestone", () => {
  it("two agents claiming the same task at once: exactly one wins, the other is told who has it", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("activate", "m1");
    const results = await Promise.all([
      repo.cli("claim", "m1", "T1", "--as", "agent-a"),
      repo.cli("claim", "m1", "T1", "--as", "agent-b"),
    ]);
    expect(results.map((r) => r.code).sort()).toEqual([0, 1]);
    const loser = results.find((r) => r.code === 1)!;
    expect(loser.err).toMatch(/T1 is claimed by agent-[ab] until/);
    const { events, problem } = parseLog(repo.read(".milestones/logs/m1.jsonl"), "m1");
    expect(problem).toBeUndefined();
    expect(events.filter((e) => e.event === "task_claimed")).toHaveLength(1);
  });

  it("the same approval delivered twice at once is recorded once", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    await Promise.all([
      repo.cli("approve", "m1", "T1", "--as", "alice"),
      repo.cli("approve", "m1", "T1", "--as", "alice"),
    ]);
    const { events, problem } = parseLog(repo.read(".milestones/logs/m1.jsonl"), "m1");
    expect(problem).toBeUndefined();
    expect(events.filter((e) => e.event === "phase_approved")).toHaveLength(1);
    expect(events.filter((e) => e.event === "phase_completed" && e.phase === "design")).toHaveLength(1);
    expect(events.filter((e) => e.event === "phase_started" && e.phase === "spec")).toHaveLength(1);
  });
});
