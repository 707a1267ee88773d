import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activate, auditMilestone, MilestoneHandle, type PlanCache } from "../../core/index.js";
import { openLocalContext } from "../../cli/local-context.js";
import { GitDirPlanCache } from "../../local/plan-cache.js";
import { memoryContext } from "../helpers/memory/memory-context.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { makeRepo } from "./git-fixture.js";

describe("plan cache", () => {
  it("keeps entries in the git directory per build, and drops other builds' entries", async () => {
    const repo = makeRepo();
    const first = new GitDirPlanCache(repo.root, "build-a");
    expect(await first.get("k")).toBeUndefined();
    await first.set("k", '{"v":1}');
    expect(await first.get("k")).toBe('{"v":1}');
    const second = new GitDirPlanCache(repo.root, "build-b");
    expect(await second.get("k")).toBeUndefined();
    await second.set("k", '{"v":2}');
    expect(existsSync(join(repo.root, ".git/phasegate/plans/build-a"))).toBe(false);
  });

  it("parses a plan version once: the next open reads the cache, and a new version parses again", async () => {
    const store = new Map<string, string>();
    let sets = 0;
    const planCache: PlanCache = {
      get: async (key) => store.get(key),
      set: async (key, value) => void (sets++, store.set(key, value)),
    };
    const ctx = { ...memoryContext(sampleFiles()), planCache };
    const a = await MilestoneHandle.open(ctx, "m1");
    const b = await MilestoneHandle.open(ctx, "m1");
    expect(sets).toBe(1);
    expect(b.plan).toEqual(a.plan);
    ctx.repo.store.push("main", {
      ".milestones/m1.yaml": sampleFiles()[".milestones/m1.yaml"]!.replace("Milestone one", "Renamed"),
    });
    expect((await MilestoneHandle.open(ctx, "m1")).plan.title).toBe("Renamed");
    expect(sets).toBe(2);
  });

  it("an audit after a plan change reads the versions the log cites from the cache, not by parsing them again", async () => {
    const repo = makeRepo();
    for (const [path, text] of Object.entries(sampleFiles())) repo.write(path, text);
    repo.commitAll("plan");
    repo.git("switch", "-q", "-c", "milestone/m1");
    const store = new Map<string, string>();
    const gets: string[] = [];
    let sets = 0;
    const planCache: PlanCache = {
      get: async (key) => (gets.push(key), store.get(key)),
      set: async (key, value) => void (sets++, store.set(key, value)),
    };
    const ctx = { ...(await openLocalContext({ cwd: repo.root, actor: "bob", verbose: false, env: {} })), planCache };
    const first = await MilestoneHandle.open(ctx, "m1");
    await activate(ctx, first);
    repo.git("switch", "-q", "main");
    repo.write(".milestones/m1.yaml", `${sampleFiles()[".milestones/m1.yaml"]}# revised\n`);
    repo.git("commit", "-q", "-m", "plan revised", "--", ".milestones/m1.yaml");
    repo.git("switch", "-q", "milestone/m1");
    const second = await MilestoneHandle.open(ctx, "m1", "status", "full");
    expect(second.planVersion).not.toBe(first.planVersion);
    expect(sets).toBe(2);
    const { findings } = await auditMilestone(ctx, second);
    expect(findings).toEqual([]);
    // The first version, which the log's events cite, came from the cache: no parse, no new entry.
    expect(gets.filter((key) => key.includes(first.planVersion))).toHaveLength(2);
    expect(sets).toBe(2);
  });
});
