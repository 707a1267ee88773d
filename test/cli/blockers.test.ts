import { rmSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { DESIGN, sampleFiles } from "../helpers/sample-plan.js";

let repo: ScratchRepo;
afterEach(() => repo?.cleanup());
const LOG = ".milestones/logs/m1.jsonl";

describe("scan and resume", () => {
  it("a failing test command blocks the milestone; resume is refused until it passes", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write("FAIL", "1");
    const scan = await repo.cli("scan", "m1");
    expect(scan.code).toBe(1);
    expect(scan.out).toContain("test_failures");
    expect(scan.out).toContain("1 test failed");
    const status = JSON.parse((await repo.cli("status", "m1", "--json")).out);
    expect(status.milestone.status).toBe("blocked");
    expect(status.blockers.map((b: { id: string }) => b.id)).toEqual(["test_failures"]);
    expect(status.sessions.at(-1).reason).toBe("blocker_detected");

    // A second scan escalates nothing new.
    const events = () =>
      repo
        .read(LOG)
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).event as string);
    const count = events().filter((e) => e === "blockers_escalated").length;
    await repo.cli("scan", "m1");
    expect(events().filter((e) => e === "blockers_escalated").length).toBe(count);

    const refused = await repo.cli("resume", "m1");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain("blockers still hold");

    rmSync(join(repo.root, "FAIL"));
    const resumed = await repo.cli("resume", "m1");
    expect(resumed.code).toBe(0);
    expect(JSON.parse((await repo.cli("status", "m1", "--json")).out).milestone.status).toBe("in_progress");
    expect(events().slice(-4)).toContain("milestone_resumed");
  });

  it("conflict markers in a tracked file are a blocker", async () => {
    repo = scratchRepo({ ...sampleFiles(), "src/a.js": "export const a = 1;\n" }, "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write("src/a.js", "<<<<<<< HEAD\nexport const a = 1;\n=======\nexport const a = 2;\n>>>>>>> other\n");
    const scan = await repo.cli("scan", "m1", "--json");
    expect(JSON.parse(scan.out).blockers.map((b: { type: string }) => b.type)).toContain("git_conflicts");
  });
});

describe("a hand-edited log", () => {
  it("status and scan report it as tampered at that line, and nothing more is written", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1");
    repo.write(".kiro/specs/first/design.md", DESIGN);
    await repo.cli("execute", "m1");
    const lines = repo.read(LOG).split("\n");
    expect(lines.length).toBeGreaterThan(3);
    lines[2] = lines[2]!.replace('"actor":"', '"actor":"X'); // line 3
    repo.write(LOG, lines.join("\n"));
    const before = repo.read(LOG);

    const status = await repo.cli("status", "m1");
    expect(status.code).toBe(1);
    expect(status.out).toContain("tampered at line 3");
    const scan = await repo.cli("scan", "m1", "--json");
    expect(scan.code).toBe(1);
    expect(JSON.parse(scan.out).blockers).toEqual([
      expect.objectContaining({ type: "log_tampered", message: expect.stringContaining("line 3") }),
    ]);
    const approve = await repo.cli("approve", "m1", "T1", "--as", "alice");
    expect(approve.code).toBe(1);
    expect(repo.read(LOG)).toBe(before);
  });

  it("lines removed from the end are caught by the session snapshots", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    await repo.cli("execute", "m1"); // activates, starts T1, saves a session at the log's end
    const lines = repo.read(LOG).split("\n");
    const kept = lines.length - 1 - 2; // drop the last two lines: the chain alone still verifies
    repo.write(LOG, lines.slice(0, kept).join("\n") + "\n");
    const status = await repo.cli("status", "m1", "--json");
    expect(status.code).toBe(1);
    expect(JSON.parse(status.out).log.problem).toMatch(
      new RegExp(`tampered at line ${kept + 1}: .*removed from the end`),
    );
    expect((await repo.cli("execute", "m1")).err).toContain("does not verify");
  });
});
