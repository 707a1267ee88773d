import { describe, expect, it } from "vitest";
import { execute, MilestoneHandle, parseLog } from "../../../core/index.js";
import { memoryContext } from "../../helpers/memory/memory-context.js";

const PHASES = ["design", "spec", "task", "execute"];

/** `n` tasks with four ungated phases whose deliverables exist; `deps` maps a task number to those it depends on. */
function files(n: number, deps: Record<number, number[]> = {}): Record<string, string> {
  const phases = PHASES.map(
    (id, i) =>
      `    - { id: ${id}, weight: ${[15, 25, 20, 40][i]}, approval_required: false, deliverables: [docs/${id}.md] }`,
  );
  const tasks = Array.from({ length: n }, (_, i) => {
    const d = deps[i + 1];
    return `  - id: T${i + 1}\n    title: Task ${i + 1}\n${d ? `    dependencies: [${d.map((x) => `T${x}`).join(", ")}]\n` : ""}`;
  });
  const out: Record<string, string> = {
    ".milestones/big.yaml": `version: 1\nid: big\ntitle: Big\nworkflow:\n  phases:\n${phases.join("\n")}\ntasks:\n${tasks.join("")}`,
  };
  for (const id of PHASES) out[`docs/${id}.md`] = `# ${id}\n\nDone.\n`;
  return out;
}

async function run(n: number, deps: Record<number, number[]> = {}) {
  const ctx = memoryContext(files(n, deps));
  const write = ctx.repo.write.bind(ctx.repo);
  let writes = 0;
  ctx.repo.write = (step) => {
    writes += 1;
    return write(step);
  };
  const handle = await MilestoneHandle.open(ctx, "big");
  await execute(ctx, handle);
  const text = (await (await ctx.repo.snapshot("milestone/big")).read(".milestones/logs/big.jsonl"))?.text ?? "";
  return { writes, handle, events: parseLog(text, "big").events };
}

describe("execute decides its steps in memory and writes them in passes", () => {
  it("400 tasks, about 6,800 events: a handful of writes, not one per step", async () => {
    const { writes, handle, events } = await run(400);
    expect(handle.state.status).toBe("completed");
    expect(events.length).toBeGreaterThan(400 * 16);
    // Passes of 16, 32, … up to 4,096 events, plus activation and the session: about a dozen.
    expect(writes).toBeLessThanOrEqual(14);
  });

  it("takes steps in the order a step-by-step run does: always the first movable task in plan order", async () => {
    // T2 waits for T5; T4 for T2: T1, T3, T5, then T2 (now the first movable), T4, T6.
    const { events } = await run(6, { 2: [5], 4: [2] });
    const done = events.filter((e) => e.event === "kiro_task_completed").map((e) => e.task_id);
    expect(done).toEqual(["T1", "T3", "T5", "T2", "T4", "T6"]);
    const t1 = events.filter((e) => e.task_id === "T1").map((e) => `${e.event} ${e.phase ?? ""}`.trim());
    expect(t1.slice(0, 4)).toEqual([
      "phase_started design",
      "deliverables_validated design",
      "phase_completed design",
      "phase_started spec",
    ]);
    // Activation starts every ready task at once (ADR 14); after that, every task's events are
    // contiguous: one task is taken as far as it goes before the next.
    const auto = events.filter((e) => e.event === "phase_started" && e.details.auto === true).map((e) => e.task_id);
    expect(auto.slice(0, 4)).toEqual(["T1", "T3", "T5", "T6"]);
    const order = events.filter((e) => e.task_id && e.details.auto !== true).map((e) => e.task_id);
    const runs = order.filter((id, i) => id !== order[i - 1]);
    expect(runs).toEqual(["T1", "T3", "T5", "T2", "T4", "T6"]);
  });

  it("progress lines count completed tasks and weights as each step happens", async () => {
    const { events } = await run(3);
    const progress = events.filter((e) => e.event === "progress_updated").map((e) => e.details);
    expect(progress.at(-1)).toMatchObject({ percentage: 100, completed_tasks: 3, total_tasks: 3 });
    expect(progress[0]).toMatchObject({ percentage: 5, completed_tasks: 0, total_tasks: 3 });
    expect(progress[3]).toMatchObject({ percentage: 33.3, completed_tasks: 1, total_tasks: 3 });
  });
});

describe("execute checks each file once per set of checks", () => {
  it("a task whose phase asks more of the same file than its neighbours' is judged on its own checks", async () => {
    const plan = [
      "version: 1",
      "id: big",
      "title: Big",
      "workflow:",
      "  phases:",
      "    - { id: design, weight: 100, approval_required: false, deliverables: [docs/design.md] }",
      "tasks:",
      "  - id: T1",
      "    title: Task 1",
      "  - id: T2",
      "    title: Task 2",
      "    kiro_workflow:",
      "      phases:",
      "        design: { deliverables: [{ path: docs/design.md, checks: { headings: [Risks] } }] }",
      "  - id: T3",
      "    title: Task 3",
      "",
    ].join("\n");
    const ctx = memoryContext({ ".milestones/big.yaml": plan, "docs/design.md": "# design\n\nDone.\n" });
    const handle = await MilestoneHandle.open(ctx, "big");
    const report = await execute(ctx, handle);
    const status = Object.fromEntries(handle.state.tasks.map((t) => [t.id, t.status]));
    expect(status).toEqual({ T1: "completed", T2: "in_progress", T3: "completed" });
    expect(report.waiting.map((w) => w.taskId)).toEqual(["T2"]);
  });
});
