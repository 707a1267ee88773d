import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { activate, auditMilestone, claim, MilestoneHandle, type PlanCache } from "../../core/index.js";
import { openLocalContext } from "../../cli/local-context.js";
import { GitDirWitness } from "../../local/log-witness.js";
import { openRowsFile, type RowsFile } from "../../local/open-rows-file.js";
import { GitDirPlanCache } from "../../local/plan-cache.js";
import { bigPlanYaml } from "../helpers/big-plan.js";
import { memoryContext } from "../helpers/memory/memory-context.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { makeRepo } from "./git-fixture.js";
import { MemoryPlanCache } from "../helpers/memory/memory-witness.js";

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
    const second = await MilestoneHandle.open(ctx, "m1", "status", { verification: "full" });
    expect(second.planVersion).not.toBe(first.planVersion);
    expect(sets).toBe(2);
    const { findings } = await auditMilestone(ctx, second);
    expect(findings).toEqual([]);
    // The first version, which the log's events cite, came from the cache: no parse, no new entry.
    expect(gets.filter((key) => key.includes(first.planVersion))).toHaveLength(2);
    expect(sets).toBe(2);
  });

  it("a narrow open reads the same plan from the cache, and decides as a whole parse does", async () => {
    const planCache = new MemoryPlanCache();
    const plain = memoryContext(sampleFiles());
    const cached = { ...memoryContext(sampleFiles()), planCache };
    await MilestoneHandle.open(cached, "m1"); // parses and fills the cache
    const narrow = await MilestoneHandle.open(cached, "m1", "claim", { verification: "incremental", narrow: true });
    const whole = await MilestoneHandle.open(plain, "m1", "claim");
    expect(JSON.stringify(narrow.plan)).toBe(JSON.stringify(whole.plan));
    for (const [ctx, handle] of [
      [cached, narrow],
      [plain, whole],
    ] as const)
      await activate(ctx, handle);
    const events = async (ctx: typeof plain, handle: MilestoneHandle) =>
      (await claim({ ...ctx, actor: "bob" }, handle, { taskId: "T1" })).map((e) => [e.event, e.task_id, e.phase]);
    expect(await events(cached, narrow)).toEqual(await events(plain, whole));
  });

  it.each<[string, Record<string, string>, (ctx: ReturnType<typeof memoryContext>) => Promise<unknown>]>([
    [
      "the plan changes (claim_ttl)",
      {
        ".milestones/m1.yaml": sampleFiles()[".milestones/m1.yaml"]!.replace("settings:", "settings:\n  claim_ttl: 1h"),
      },
      async (ctx) => (await MilestoneHandle.open(ctx, "m1", "claim", { narrow: true })).plan.settings.claimTtlMs,
    ],
    [
      "the repository's settings change (auto_start)",
      { ".github/phasegate.yml": "auto_start: false\n" },
      async (ctx) => (await MilestoneHandle.open(ctx, "m1", "claim", { narrow: true })).plan.settings.autoStart,
    ],
  ])("a cached plan is not served once %s", async (_name, change, read) => {
    const planCache = new MemoryPlanCache();
    const ctx = { ...memoryContext(sampleFiles()), planCache };
    const before = await read(ctx);
    ctx.repo.store.push("main", change);
    const after = await read(ctx);
    const fresh = memoryContext(sampleFiles());
    fresh.repo.store.push("main", change);
    expect(after).toEqual(await read(fresh));
    expect(after).not.toEqual(before);
  });

  it("a damaged entry is parsed again and replaced", async () => {
    const planCache = new MemoryPlanCache();
    const store = planCache.entries;
    const ctx = { ...memoryContext(sampleFiles()), planCache };
    const first = await MilestoneHandle.open(ctx, "m1");
    const [key, text] = [...store][0]!;
    store.set(key, text.slice(0, -10));
    const again = await MilestoneHandle.open(ctx, "m1", "claim", { narrow: true });
    expect(JSON.stringify(again.plan)).toBe(JSON.stringify(first.plan));
    expect(store.get(key)).toBe(text);
  });

  it("a narrow claim on a large plan reads the entry's and the prefix's first lines and the tasks it uses, not the files", async () => {
    const repo = makeRepo();
    for (const [path, text] of Object.entries(sampleFiles())) repo.write(path, text);
    repo.write(
      ".milestones/big.yaml",
      bigPlanYaml(1500, { assignees: ["bob"], title: (i) => `Tâche ${i} ✓ ${"étape ".repeat(30)}` }),
    );
    repo.commitAll("plan");
    repo.git("switch", "-q", "-c", "milestone/big");
    const opened: Array<{ path: string; file: RowsFile }> = [];
    const counting = (path: string, open: Set<RowsFile>) => {
      const file = openRowsFile(path, open);
      if (file) opened.push({ path, file });
      return file;
    };
    const local = await openLocalContext({ cwd: repo.root, actor: "bob", verbose: false, env: {} });
    const witness = new GitDirWitness(repo.root, "unbundled", counting);
    const planCache = new GitDirPlanCache(repo.root, "test-build", counting);
    const ctx = { ...local, witness, planCache };
    // The first writer fills the plan cache; the next verifies the whole log and records the prefix.
    await activate(ctx, await MilestoneHandle.open(ctx, "big", "activate", { verification: "incremental" }));
    await claim(ctx, await MilestoneHandle.open(ctx, "big", "claim", { verification: "incremental" }), {
      taskId: "T1",
    });
    expect(opened).toEqual([]);
    const narrow = await MilestoneHandle.open(ctx, "big", "claim", { verification: "incremental", narrow: true });
    const events = await claim(ctx, narrow, { taskId: "T1" });
    expect(events.map((e) => [e.event, e.task_id])).toEqual([["task_claimed", "T1"]]);
    expect(opened.map(({ path }) => path.split("/phasegate/")[1]?.split("/")[0]).sort()).toEqual(["plans", "prefixes"]);
    for (const { path, file } of opened) expect(file.bytesRead, path).toBeLessThan(statSync(path).size / 4);
    planCache.close();
    witness.close();
    for (const { file } of opened) expect(() => file.read(0, 1)).toThrow(/used after its command ended/);
  });
});
