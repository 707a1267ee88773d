/** setHold (`/hold`, `/unhold`): every branch, in memory, with what the log holds after each. */
import { describe, expect, it } from "vitest";
import { activate } from "../../../core/use-cases/activate.js";
import { execute } from "../../../core/use-cases/execute.js";
import { MilestoneHandle } from "../../../core/use-cases/milestone-handle.js";
import { setHold } from "../../../core/use-cases/set-hold.js";
import { memoryContext, type MemoryContext } from "../../helpers/memory/memory-context.js";

/** T1 and T2 with one ungated phase each; only T1's deliverable exists, so `execute` completes T1 alone. */
const FILES = {
  ".milestones/m.yaml": [
    "version: 1",
    "id: m",
    "title: Holds",
    "workflow:",
    "  phases:",
    "    - { id: build, weight: 100, approval_required: false, deliverables: ['docs/{task}.md'] }",
    "tasks:",
    "  - { id: T1, title: One }",
    "  - { id: T2, title: Two }",
    "",
  ].join("\n"),
  "docs/T1.md": "# T1\n\nDone.\n",
};

async function setup(stage: "planned" | "active" | "T1 completed", actor = "alice") {
  const ctx: MemoryContext = { ...memoryContext(FILES), actor };
  const open = () => MilestoneHandle.open(ctx, "m");
  if (stage !== "planned") await activate({ ...ctx, actor: "alice" }, await open());
  if (stage === "T1 completed") await execute({ ...ctx, actor: "alice" }, await open());
  return { ctx, open };
}

/** Lines of the milestone's log on its branch (none before activation). */
async function logLines(ctx: MemoryContext): Promise<number> {
  try {
    const log = await (await ctx.repo.snapshot("milestone/m")).read(".milestones/logs/m.jsonl");
    return log?.text.split("\n").filter(Boolean).length ?? 0;
  } catch {
    return 0;
  }
}

async function attempt(
  stage: Parameters<typeof setup>[0],
  input: { taskId: string; hold: boolean; reason?: string },
  options: { actor?: string; heldBefore?: boolean } = {},
) {
  const { ctx, open } = await setup(stage, options.actor);
  if (options.heldBefore) await setHold({ ...ctx, actor: "alice" }, await open(), { taskId: input.taskId, hold: true });
  const before = await logLines(ctx);
  let result: string;
  try {
    const events = await setHold(ctx, await open(), input);
    // Every event names the plan it was decided on (`plan_version`): left out here, it is the same in all.
    const shown = events.map(
      ({ event, details: { plan_version: _, ...details } }) => `${event} ${JSON.stringify(details)}`,
    );
    result = shown.join(", ") || "nothing";
  } catch (error) {
    result = `refused: ${(error as Error & { reason: string }).reason}`;
  }
  const after = await open();
  const t = after.state.tasks[after.plan.tasks.findIndex((x) => x.id === input.taskId)];
  return { result, written: (await logLines(ctx)) - before, held: Boolean(t?.hold) };
}

describe("setHold", () => {
  it.each([
    {
      case: "hold a pending task, with a reason",
      stage: "active",
      input: { taskId: "T2", hold: true, reason: "waiting for legal" },
      want: { result: 'task_held {"reason":"waiting for legal"}', written: 1, held: true },
    },
    {
      case: "hold without a reason",
      stage: "active",
      input: { taskId: "T2", hold: true },
      want: { result: 'task_held {"reason":""}', written: 1, held: true },
    },
    {
      case: "hold a held task again",
      stage: "active",
      input: { taskId: "T2", hold: true },
      heldBefore: true,
      want: { result: "nothing", written: 0, held: true },
    },
    {
      case: "unhold a held task",
      stage: "active",
      input: { taskId: "T2", hold: false },
      heldBefore: true,
      want: { result: "task_unheld {}", written: 1, held: false },
    },
    {
      case: "unhold a task not held",
      stage: "active",
      input: { taskId: "T2", hold: false },
      want: { result: "nothing", written: 0, held: false },
    },
    {
      case: "hold a completed task",
      stage: "T1 completed",
      input: { taskId: "T1", hold: true },
      want: { result: "refused: T1 is already completed", written: 0, held: false },
    },
    {
      case: "hold a task of a milestone not activated",
      stage: "planned",
      input: { taskId: "T2", hold: true },
      want: { result: "refused: milestone m is planned", written: 0, held: false },
    },
    {
      case: "hold a task the plan lacks",
      stage: "active",
      input: { taskId: "T9", hold: true },
      want: { result: expect.stringMatching(/^refused: .*T9/), written: 0, held: false },
    },
    {
      case: "hold, by someone with read access",
      stage: "active",
      input: { taskId: "T2", hold: true },
      actor: "mallory",
      want: { result: "refused: mallory has read access; hold needs write", written: 0, held: false },
    },
    {
      case: "unhold, by someone with read access",
      stage: "active",
      input: { taskId: "T2", hold: false },
      actor: "mallory",
      heldBefore: true,
      want: { result: "refused: mallory has read access; unhold needs write", written: 0, held: true },
    },
  ] as const)("$case", async ({ stage, input, want, ...options }) => {
    expect(await attempt(stage, input, options)).toEqual(want);
  });
});
