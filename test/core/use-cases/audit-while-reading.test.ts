import { describe, expect, it } from "vitest";
import type { LogEvent, NewEvent } from "../../../core/events/event.js";
import { auditMilestone, MilestoneAudit, MilestoneHandle } from "../../../core/index.js";
import type { Repo } from "../../../core/ports.js";
import type { Context } from "../../../core/use-cases/context.js";
import { buildLog } from "../../helpers/log-builder.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";
import { MemoryWitness, MemoryPlanCache } from "../../helpers/memory/memory-witness.js";
import { sampleFiles } from "../../helpers/sample-plan.js";

const LOG = ".milestones/logs/m1.jsonl";

/** A log with an approval by someone who is not an approver, and an event citing a plan version the repository lacks. */
const EVENTS: NewEvent[] = [
  { event: "milestone_activated", actor: "alice", details: { from: "planned" } },
  { event: "task_claimed", actor: "bob", task_id: "T1" },
  { event: "phase_started", actor: "bob", task_id: "T1", phase: "design" },
  { event: "deliverables_validated", actor: "bob", task_id: "T1", phase: "design", details: { digest: "d1" } },
  { event: "phase_approved", actor: "mallory", task_id: "T1", phase: "design", details: { digest: "d1" } },
  {
    event: "phase_approved",
    actor: "alice",
    task_id: "T1",
    phase: "design",
    details: { digest: "d1", plan_version: "f".repeat(40) },
  },
];

/** Open m1 with the audit as the log's visitor, as `status` does; also returns every event the visitor saw. */
async function openAudited(logText: string) {
  const ctx = { ...memoryContext({ ...sampleFiles(), [LOG]: logText }), witness: new MemoryWitness() };
  const seen: LogEvent[] = [];
  let audit: MilestoneAudit | undefined;
  const handle = await MilestoneHandle.open(ctx, "m1", "status", { verification: "full" }, async (opened) => {
    const started = await MilestoneAudit.start(ctx, opened);
    audit = started;
    return (event) => (seen.push(event), started.see(event));
  });
  return { ctx, handle, seen, audit };
}

describe("status audits while it verifies and folds the log", () => {
  it("sees every event once and finds what the audit of the kept events finds", async () => {
    const { text, events } = buildLog("m1", EVENTS);
    const { ctx, handle, seen, audit } = await openAudited(text);
    expect(handle.observed).toBe(true);
    expect(seen).toEqual(events);
    const streamed = audit!.finish();
    expect(streamed.findings.map((f) => f.line)).toEqual([5]);
    expect(streamed.findings[0]?.message).toContain("mallory is not an approver");
    expect(streamed.notes).toEqual([expect.stringContaining("(line 6) is not in this repository")]);
    // The same as auditing the events a plain handle keeps, and the same state.
    const plain = await MilestoneHandle.open(ctx, "m1", "status");
    expect(await auditMilestone(ctx, plain)).toEqual(streamed);
    expect(handle.state).toEqual(plain.state);
    expect(handle.state.seq).toBe(EVENTS.length);
  });

  it("a tampered log is read again the ordinary way: not observed, its problem at its line", async () => {
    const lines = buildLog("m1", EVENTS).text.split("\n");
    lines[2] = lines[2]!.replace('"bob"', '"eve"');
    const { handle, seen } = await openAudited(lines.join("\n"));
    expect(handle.observed).toBe(false);
    expect(seen).toHaveLength(2);
    expect(handle.logProblem).toMatchObject({ line: 3 });
    expect(await handle.verifiedEvents()).toHaveLength(2);
  });

  it("a log cut below the witness's head is not observed and says lines were removed", async () => {
    const { text } = buildLog("m1", EVENTS);
    const first = await openAudited(text);
    expect(first.handle.observed).toBe(true);
    // The same repository and witness, the log cut to four lines.
    const cut = text.split("\n").slice(0, 4).join("\n") + "\n";
    await first.ctx.repo.write({
      branch: first.handle.plan.branch,
      base: first.handle.work,
      changes: [{ kind: "put", path: LOG, text: cut }],
      message: "cut",
    });
    const again = await MilestoneHandle.open(
      first.ctx,
      "m1",
      "status",
      { verification: "full" },
      async () => () => undefined,
    );
    expect(again.observed).toBe(false);
    expect(again.logProblem?.message).toContain("lines were removed");
    // A log that only grew past the witness's head is observed.
    await first.ctx.repo.write({
      branch: first.handle.plan.branch,
      base: again.work,
      changes: [{ kind: "put", path: LOG, text }],
      message: "restore",
    });
    expect(
      (await MilestoneHandle.open(first.ctx, "m1", "status", { verification: "full" }, async () => () => undefined))
        .observed,
    ).toBe(true);
  });
});

describe("the audit asks for the plan's history early when the plan was parsed in this run", () => {
  /** A context whose repository counts its history reads (and says when they happen), with a plan cache. */
  function historyContext(logText: string, history: () => Promise<Set<string>>) {
    const ctx = { ...memoryContext({ ...sampleFiles(), [LOG]: logText }), witness: new MemoryWitness() };
    const planCache = new MemoryPlanCache();
    const order: string[] = [];
    (ctx.repo as Repo).historyBlobs = async () => (order.push("history"), history());
    return { ctx: { ...ctx, planCache }, order };
  }

  async function audit(ctx: Context, order: string[]) {
    let audit: MilestoneAudit | undefined;
    const handle = await MilestoneHandle.open(ctx, "m1", "status", { verification: "full" }, async (opened) => {
      const started = await MilestoneAudit.start(ctx, opened);
      audit = started;
      return (event) => (order.push(`line ${event.seq}`), started.see(event));
    });
    return { fresh: handle.planIsFresh, ...audit!.finish() };
  }

  it("a fresh plan: asked once, before the first line; the same findings as when asked at the citing line", async () => {
    const { ctx, order } = historyContext(buildLog("m1", EVENTS).text, async () => new Set(["a".repeat(40)]));
    const first = await audit(ctx, order);
    expect(first.fresh).toBe(true);
    expect(order.filter((o) => o === "history")).toHaveLength(1);
    expect(order[0]).toBe("history");
    expect(first.findings.map((f) => f.line)).toEqual([5, 6]);
    expect(first.findings[1]?.message).toContain("was never on main's history");
    // The plan is in the cache now: asked only when line 6 cites another version, with the same findings.
    order.length = 0;
    const again = await audit(ctx, order);
    expect(again.fresh).toBe(false);
    expect(order.indexOf("history")).toBe(order.indexOf("line 6") + 1);
    expect(again).toEqual({ ...first, fresh: false });
  });

  it("a fresh plan whose log cites no other version: the early question's failure changes nothing", async () => {
    const events = EVENTS.slice(0, 5);
    const { ctx, order } = historyContext(buildLog("m1", events).text, async () => {
      throw new Error("git log failed");
    });
    const result = await audit(ctx, order);
    expect(order[0]).toBe("history");
    expect(result.findings.map((f) => f.line)).toEqual([5]);
  });

  it("a fresh plan whose log cites another version: the history's failure stops the audit, as before", async () => {
    const { ctx, order } = historyContext(buildLog("m1", EVENTS).text, async () => {
      throw new Error("git log failed");
    });
    await expect(audit(ctx, order)).rejects.toThrow("git log failed");
  });
});
