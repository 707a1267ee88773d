/** setHold (`/hold`, `/unhold`): every branch, in memory, with what the log holds after each. */
import { describe, expect, it } from "vitest";
import { setHold } from "../../../core/use-cases/set-hold.js";
import { setupMilestone, stepOutcome, type Stage } from "./milestone-table.js";

async function attempt(
  stage: Stage,
  input: { taskId: string; hold: boolean; reason?: string },
  options: { actor?: string; heldBefore?: boolean } = {},
) {
  const { ctx, open } = await setupMilestone(stage, options.actor);
  if (options.heldBefore) await setHold({ ...ctx, actor: "alice" }, await open(), { taskId: input.taskId, hold: true });
  const { result, written } = await stepOutcome(ctx, "m", async () => setHold(ctx, await open(), input));
  const after = await open();
  const t = after.state.tasks[after.plan.tasks.findIndex((x) => x.id === input.taskId)];
  return { result, written, held: Boolean(t?.hold) };
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
