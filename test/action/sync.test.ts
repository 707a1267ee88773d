import { describe, expect, it } from "vitest";
import { SAMPLE_PLAN, sampleFiles } from "../helpers/sample-plan.js";
import { setupApi } from "./api-setup.js";

const titles = (issues: Record<string, any>[]) => issues.map((i) => i.title as string);

describe("sync through GitHub's API", () => {
  it("projects the milestone, then a second run writes nothing", async () => {
    const { gh, run, repo } = setupApi(sampleFiles());
    const first = await run({ command: "sync", milestone: "m1" });
    expect(first.commands.filter((c) => c.command === "error")).toEqual([]);
    expect(first).toMatchObject({ ok: true, outputs: { ok: "true", complete: "true", status: "planned" } });
    expect(titles(repo().issues)).toEqual(expect.arrayContaining(["T1: First task", "T2: Second task"]));
    expect(repo().milestones).toHaveLength(1);
    expect(first.summary).toContain("## Phasegate sync: `m1`");
    expect(first.summary).toMatch(/- create issue "T1: First task"/);
    gh.resetLog();
    const again = await run({ command: "sync", milestone: "m1" });
    expect(again.outputs).toMatchObject({ complete: "true", writes: "0" });
    expect(gh.count({ write: true })).toBe(0);
    expect(again.summary).toContain("nothing to write");
    expect(gh.violations).toEqual([]);
  });

  it("dry-run lists every write in the job summary and makes none", async () => {
    const { gh, run, repo } = setupApi(sampleFiles());
    await run({ command: "sync", milestone: "m1" });
    gh.commitFiles("acme", "rocket", "main", {
      ".milestones/m1.yaml": SAMPLE_PLAN.replace("title: First task", "title: First task, renamed"),
    });
    gh.resetLog();
    const preview = await run({ command: "sync", milestone: "m1", "dry-run": "true" });
    expect(gh.count({ write: true })).toBe(0);
    expect(preview.summary).toContain("(dry run)");
    // The counts by verb, as `phasegate sync --dry-run` says them (one renderer since issue 17).
    expect(preview.summary).toMatch(/A sync would make \d+ writes? \(0 to create, \d+ to change, 0 to close\):/);
    expect(preview.summary).toMatch(/- change issue #\d+ \(.*title.*\)/);
    expect(titles(repo().issues)).toContain("T1: First task");
    expect(gh.violations).toEqual([]);
  });

  it("stops at max-writes with a warning and complete=false; the next run finishes", async () => {
    const { gh, run, repo } = setupApi(sampleFiles());
    const partial = await run({ command: "sync", milestone: "m1", "max-writes": "2" });
    expect(partial).toMatchObject({ ok: true, outputs: { complete: "false", writes: "2" } });
    expect(partial.commands.find((c) => c.command === "warning")?.message).toMatch(
      /sync of m1 is partial: 2 of \d+ writes/,
    );
    const rest = await run({ command: "sync", milestone: "m1" });
    expect(rest.outputs.complete).toBe("true");
    expect(titles(repo().issues)).toEqual(expect.arrayContaining(["T1: First task", "T2: Second task"]));
    gh.resetLog();
    await run({ command: "sync", milestone: "m1" });
    expect(gh.count({ write: true })).toBe(0);
    expect(gh.violations).toEqual([]);
  });

  it("needs a token", async () => {
    const { run } = setupApi(sampleFiles());
    const result = await run({ command: "sync", milestone: "m1", token: "" });
    expect(result.ok).toBe(false);
    expect(result.commands.find((c) => c.command === "error")?.message).toMatch(/input "token" is empty/);
  });
});
