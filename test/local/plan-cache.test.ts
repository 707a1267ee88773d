import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MilestoneHandle, type PlanCache } from "../../core/index.js";
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
});
