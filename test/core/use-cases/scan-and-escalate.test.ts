import { describe, expect, it } from "vitest";
import { activate, MilestoneHandle, scanAndEscalate, sync, type CheckState } from "../../../core/index.js";
import { MemoryChecks } from "../../helpers/memory/memory-ci.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";

const PLAN = `version: 1
id: m1
title: Signals
branch: milestone/m1
tasks:
  - id: T1
    title: One
`;

const failing: CheckState = { state: "failure", summary: "failing: ci" };
const passing: CheckState = { state: "success", summary: "1 checks passed" };

describe("scanAndEscalate: scan, the shell's sync, then escalation", () => {
  it.each([
    {
      case: "checks pass: nothing recorded, no sync, nothing shown",
      checks: passing,
      syncs: 0,
      statuses: [],
      comments: 0,
    },
    {
      case: "checks fail: one sync before the escalation, whose comment lands on the synced dashboard",
      checks: failing,
      syncs: 1,
      statuses: ["failure"],
      comments: 1,
    },
  ])("$case", async (row) => {
    const ctx = { ...memoryContext({ ".milestones/m1.yaml": PLAN }), ci: new MemoryChecks() };
    ctx.ci.branches.set("milestone/m1", row.checks);
    const handle = await MilestoneHandle.open(ctx, "m1");
    await activate(ctx, handle);
    let syncs = 0;
    const report = await scanAndEscalate(ctx, handle, (h) => {
      syncs += 1;
      return sync(ctx, h);
    });
    expect(syncs).toBe(row.syncs);
    expect(report.synced !== undefined).toBe(row.syncs > 0);
    expect(ctx.tracker.statuses.map((s) => (s as { state: string }).state)).toEqual(row.statuses);
    expect([...ctx.tracker.comments.values()].flat()).toHaveLength(row.comments);
    // A second scan with nothing new writes nothing more and does not sync.
    const again = await scanAndEscalate(ctx, handle, () => Promise.reject(new Error("no sync expected")));
    expect(again.events).toEqual([]);
    expect(ctx.tracker.statuses).toHaveLength(row.statuses.length);
  });
});
