import { describe, expect, it } from "vitest";
import { activate, MilestoneHandle, sync } from "../../../core/index.js";
import { bigPlanYaml } from "../../helpers/big-plan.js";
import { memoryContext, type MemoryContext } from "../../helpers/memory/memory-context.js";

const PLAN = ".milestones/big.yaml";

async function open(ctx: MemoryContext) {
  return MilestoneHandle.open(ctx, "big");
}

/** Writes of a first sync: labels + milestone + issues + dashboard + sub-issues + blocked-by links. */
function minimumWrites(tasks: number, labels: number): number {
  return labels + 1 + tasks + 1 + Math.min(tasks, 100) + (tasks - 1);
}

describe("sync (in memory)", () => {
  it("projects a 200-task milestone with the minimum writes, then makes none", async () => {
    const ctx = memoryContext({ [PLAN]: bigPlanYaml(200) });
    const handle = await open(ctx);
    await activate(ctx, handle);
    const first = await sync(ctx, handle);
    const labels = ctx.tracker.labels.length;
    expect(first.complete).toBe(true);
    expect(first.writes.length).toBe(minimumWrites(200, labels));
    expect(ctx.tracker.writes).toBe(minimumWrites(200, labels) + 2); // + taking and releasing the sync lease
    expect(first.writes.length).toBe(first.total);
    expect(ctx.tracker.milestones).toHaveLength(1);
    const tasks = ctx.tracker.issues.filter((i) => i.body.includes("task="));
    expect(tasks).toHaveLength(200);
    const dashboard = ctx.tracker.issues.find((i) => i.body.includes(" dashboard -->"));
    expect(dashboard?.labels).toContain("phasegate: dashboard");
    expect(tasks.filter((i) => i.parent === dashboard?.number)).toHaveLength(100);
    expect(dashboard?.body).toContain("Only the first 100 of 200 task issues are sub-issues");
    expect([...ctx.tracker.blockedBy.values()].reduce((n, s) => n + s.size, 0)).toBe(199);
    const t1 = tasks.find((i) => i.title === "T1: Task number 1");
    // Activation started the ready task: it carries its phase label from the first sync on.
    expect(t1?.labels).toEqual(expect.arrayContaining(["phasegate", "phase: design"]));
    expect(t1?.assignees).toEqual(["carol"]);

    const writes = ctx.tracker.writes;
    const again = await sync(ctx, await open(ctx));
    expect(again.writes).toEqual([]);
    expect(ctx.tracker.writes).toBe(writes);
  });

  it("a task's new title is one write; a task removed from the plan is closed as not planned with a note", async () => {
    const ctx = memoryContext({ [PLAN]: bigPlanYaml(6) });
    await sync(ctx, await open(ctx));
    ctx.repo.store.push("main", {
      [PLAN]: bigPlanYaml(6, { title: (i) => (i === 3 ? "Renamed" : `Task number ${i}`) }),
    });
    const renamed = await sync(ctx, await open(ctx));
    expect(renamed.writes).toEqual([
      expect.objectContaining({ kind: "update-issue", issue: { title: "T3: Renamed" } }),
    ]);

    ctx.repo.store.push("main", { [PLAN]: bigPlanYaml(5) });
    const removed = await sync(ctx, await open(ctx));
    const t6 = ctx.tracker.issues.find((i) => i.title.startsWith("T6:"));
    expect(t6).toMatchObject({ state: "closed", stateReason: "not_planned" });
    expect(ctx.tracker.comments.get(t6!.number)?.[0]?.body).toContain("no longer in the plan");
    expect(removed.writes.map((w) => w.kind)).toContain("update-issue");
    expect((await sync(ctx, await open(ctx))).writes).toEqual([]);
  });

  it("puts a phase label moved by hand back, and explains it once", async () => {
    const ctx = memoryContext({ [PLAN]: bigPlanYaml(3) });
    const handle = await open(ctx);
    await activate(ctx, handle);
    await sync(ctx, handle);
    const t1 = ctx.tracker.issues.find((i) => i.title.startsWith("T1:"))!;
    t1.labels = [...t1.labels, "phase: execute"];
    await sync(ctx, await open(ctx));
    expect(t1.labels).not.toContain("phase: execute");
    t1.labels = [...t1.labels, "phase: execute"];
    await sync(ctx, await open(ctx));
    expect(ctx.tracker.comments.get(t1.number)).toHaveLength(1);
    expect(ctx.tracker.comments.get(t1.number)?.[0]?.body).toContain("Phases move through the event log");
  });

  it("stops at its budget, says how far it got, and the next run finishes the same end state", async () => {
    const full = memoryContext({ [PLAN]: bigPlanYaml(40) });
    await sync(full, await open(full));
    const ctx = memoryContext({ [PLAN]: bigPlanYaml(40) });
    const partial = await sync(ctx, await open(ctx), { maxWrites: 25 });
    expect(partial).toMatchObject({ complete: false, total: full.tracker.writes - 2 });
    expect(partial.writes).toHaveLength(25);
    let runs = 1;
    while (!(await sync(ctx, await open(ctx), { maxWrites: 25 })).complete) runs++;
    expect(runs).toBe(Math.ceil((full.tracker.writes - 2) / 25) - 1);
    expect(ctx.tracker.issues.map((i) => [i.title, i.labels, i.parent, i.blockedByCount])).toEqual(
      full.tracker.issues.map((i) => [i.title, i.labels, i.parent, i.blockedByCount]),
    );
  });

  it("two syncs racing end with one issue per task: the second waits for the lease", async () => {
    const ctx = memoryContext({ [PLAN]: bigPlanYaml(30) });
    const [a, b] = await Promise.all([sync(ctx, await open(ctx)), sync(ctx, await open(ctx))]);
    expect([a.busy, b.busy].filter(Boolean)).toHaveLength(1);
    await sync(ctx, await open(ctx));
    const markers = ctx.tracker.issues.map((i) => i.body.split("\n")[0]);
    expect(new Set(markers).size).toBe(markers.length);
    expect(ctx.tracker.issues).toHaveLength(31);
    expect((await sync(ctx, await open(ctx))).writes).toEqual([]);
  });

  it("a dry run writes nothing and lists exactly what the sync will create", async () => {
    const ctx = memoryContext({ [PLAN]: bigPlanYaml(4) });
    const preview = await sync(ctx, await open(ctx), { dryRun: true });
    expect(ctx.tracker.writes).toBe(0);
    const real = await sync(ctx, await open(ctx));
    expect(preview.writes.map((w) => w.kind)).toEqual(real.writes.map((w) => w.kind));
  });
});

describe("sync preview", () => {
  it("says in words what a first sync creates, and what a removal closes", async () => {
    const { renderSyncPreview, countSyncWrites } = await import("../../../core/index.js");
    const ctx = memoryContext({ [PLAN]: bigPlanYaml(2) });
    const preview = await sync(ctx, await open(ctx), { dryRun: true });
    const lines = renderSyncPreview(preview.writes);
    expect(lines).toContain('create milestone "A big milestone" due 2026-12-31');
    expect(lines).toContain('create issue "T1: Task number 1" [phasegate, phasegate: ready]');
    expect(lines).toContain("mark issue #2 as blocked by #1");
    expect(countSyncWrites(preview.writes)).toMatchObject({ close: 0 });
    await sync(ctx, await open(ctx));
    ctx.repo.store.push("main", { [PLAN]: bigPlanYaml(1) });
    const removal = await sync(ctx, await open(ctx), { dryRun: true });
    expect(renderSyncPreview(removal.writes)).toContain("close issue #2 as not planned");
    expect(countSyncWrites(removal.writes).close).toBe(1);
  });
});
