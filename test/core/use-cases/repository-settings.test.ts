import { describe, expect, it } from "vitest";
import { activate, MilestoneHandle, PlanError } from "../../../core/index.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";
import { sampleFiles } from "../../helpers/sample-plan.js";
import { MemoryPlanCache } from "../../helpers/memory/memory-witness.js";

const SETTINGS = ".github/phasegate.yml";
const LOG = ".milestones/logs/m1.jsonl";

function logOf(ctx: ReturnType<typeof memoryContext>): Record<string, any>[] {
  const text = ctx.repo.store.filesAt("milestone/m1").get(LOG) ?? "";
  return text
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l));
}

describe("the repository's settings, read with the plan", () => {
  it("every event records the settings file's blob id next to the plan's; none without a file", async () => {
    const ctx = memoryContext({ ...sampleFiles(), [SETTINGS]: "allow_self_approval: true\n" });
    const handle = await MilestoneHandle.open(ctx, "m1");
    expect(handle.plan.settings.allowSelfApproval).toBe(true);
    expect(handle.settingsVersion).toMatch(/^[0-9a-f]{40}$/);
    await activate(ctx, handle);
    const events = logOf(ctx);
    expect(events.length).toBeGreaterThan(0);
    for (const e of events)
      expect(e.details).toMatchObject({ plan_version: handle.planVersion, settings_version: handle.settingsVersion });

    const bare = memoryContext(sampleFiles());
    const plain = await MilestoneHandle.open(bare, "m1");
    expect(plain.settingsVersion).toBeUndefined();
    await activate(bare, plain);
    for (const e of logOf(bare)) expect(e.details).not.toHaveProperty("settings_version");
  });

  it("an invalid settings file refuses every command at file:line:column and writes nothing", async () => {
    const ctx = memoryContext({ ...sampleFiles(), [SETTINGS]: "labels:\n  prefix: pg\nauto_start: maybe\n" });
    const error = await MilestoneHandle.open(ctx, "m1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PlanError);
    expect((error as PlanError).message).toMatch(/^\.github\/phasegate\.yml:3:13: error: .*auto_start/);
    expect(ctx.repo.store.filesAt("milestone/m1").get(LOG)).toBeUndefined();
  });

  it("the plan cache keys on both blobs: a changed settings file is read anew", async () => {
    const planCache = new MemoryPlanCache();
    const store = planCache.entries;
    const ctx = { ...memoryContext({ ...sampleFiles(), [SETTINGS]: "min_approver_permission: admin\n" }), planCache };
    expect((await MilestoneHandle.open(ctx, "m1")).plan.settings.minApproverPermission).toBe("admin");
    ctx.repo.store.push("main", { [SETTINGS]: "min_approver_permission: maintain\n" });
    expect((await MilestoneHandle.open(ctx, "m1")).plan.settings.minApproverPermission).toBe("maintain");
    expect([...store.keys()].filter((k) => k.startsWith("settings:"))).toHaveLength(2);
    expect([...store.keys()].filter((k) => k.startsWith(".milestones/"))).toHaveLength(2);
  });

  it("the settings file is parsed once per blob: later commands take it from the cache, a damaged entry is parsed again", async () => {
    const planCache = new MemoryPlanCache();
    const store = planCache.entries;
    const ctx = { ...memoryContext({ ...sampleFiles(), [SETTINGS]: "min_approver_permission: admin\n" }), planCache };
    await MilestoneHandle.open(ctx, "m1");
    const [key] = [...store.keys()].filter((k) => k.startsWith("settings:"));
    expect(key).toMatch(/^settings:\.github\/phasegate\.yml@[0-9a-f]{40}$/);
    expect(JSON.parse(store.get(key!)!)).toMatchObject({ settings: { minApproverPermission: "admin" }, issues: [] });
    // What the cache holds for this blob is what applies (the entry is read, not the file again).
    store.set(
      key!,
      JSON.stringify({ settings: { labels: {}, timeLimitsMs: {}, minApproverPermission: "triage" }, issues: [] }),
    );
    for (const k of store.keys()) if (!k.startsWith("settings:")) store.delete(k);
    expect((await MilestoneHandle.open(ctx, "m1")).plan.settings.minApproverPermission).toBe("triage");
    // A damaged entry is parsed again from the file and replaced.
    store.set(key!, "{not json");
    for (const k of store.keys()) if (!k.startsWith("settings:")) store.delete(k);
    expect((await MilestoneHandle.open(ctx, "m1")).plan.settings.minApproverPermission).toBe("admin");
    expect(JSON.parse(store.get(key!)!)).toMatchObject({ settings: { minApproverPermission: "admin" } });
  });

  it("`_extends` is followed by the shell that can (the App); elsewhere the file's own keys apply, with a notice", async () => {
    const files = { ...sampleFiles(), [SETTINGS]: "_extends: .github\nauto_start: false\n" };
    const alone = memoryContext(files);
    const handle = await MilestoneHandle.open(alone, "m1");
    expect(handle.plan.settings.autoStart).toBe(false);
    expect(handle.notices.join("\n")).toMatch(/extends `\.github`, which only the App follows/);

    const seen: string[] = [];
    const app = {
      ...memoryContext(files),
      extendSettings: async (file: { text: string }) => {
        seen.push(file.text);
        return { auto_start: false, allow_self_approval: true, labels: { prefix: "org" } };
      },
    };
    const extended = await MilestoneHandle.open(app, "m1");
    expect(seen).toEqual([files[SETTINGS]]);
    expect(extended.plan.settings).toMatchObject({ autoStart: false, allowSelfApproval: true });
    expect(extended.labels).toEqual({ prefix: "org" });
    expect(extended.notices).toEqual([]);

    const broken = { ...memoryContext(files), extendSettings: async () => ({ auto_start: "no" }) };
    await expect(MilestoneHandle.open(broken, "m1")).rejects.toThrow(
      /\.github\/phasegate\.yml:1:1: error: .*auto_start/,
    );
  });
});
