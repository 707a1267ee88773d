/** claim and release: every branch, in memory, with what the log holds after each. */
import { describe, expect, it } from "vitest";
import { claim, release } from "../../../core/use-cases/claim.js";
import { setupMilestone, stepOutcome, type Stage } from "./milestone-table.js";

const HOUR = 3_600_000;

/** `before` claims run first (as their actor, `later` ms apart); then `actor` runs `step` on `task`. */
async function attempt(
  stage: Stage,
  step: "claim" | "release",
  input: { actor: string; task: string; ttlMs?: number },
  before: { by: string; later?: number }[] = [],
) {
  const { ctx, open } = await setupMilestone(stage, input.actor);
  ctx.forge.permissions.set("mona", "maintain");
  for (const { by, later } of before) {
    await claim({ ...ctx, actor: by }, await open(), { taskId: input.task });
    ctx.clock.advance(later ?? 0);
  }
  const run =
    step === "claim"
      ? async () => claim(ctx, await open(), { taskId: input.task, ...(input.ttlMs && { ttlMs: input.ttlMs }) })
      : async () => release(ctx, await open(), { taskId: input.task });
  const outcome = await stepOutcome(ctx, "m", run);
  const after = await open();
  const claimedBy = after.state.tasks[after.plan.tasks.findIndex((t) => t.id === input.task)]?.claim?.by ?? null;
  return { ...outcome, result: outcome.result.replace(/20\d\d-\d\d-\d\dT[\d:.]+Z/g, "<time>"), claimedBy };
}

describe("claim", () => {
  it.each([
    {
      case: "a task in its phase, unclaimed",
      args: ["active", "claim", { actor: "bob", task: "T2" }],
      want: { result: 'task_claimed {"expires_at":"<time>"}', written: 1, claimedBy: "bob" },
    },
    {
      case: "one's own claim again (renewed)",
      args: ["active", "claim", { actor: "bob", task: "T2" }, [{ by: "bob" }]],
      want: { result: 'task_claimed {"expires_at":"<time>","previous":"bob"}', written: 1, claimedBy: "bob" },
    },
    {
      case: "someone else's live claim",
      args: ["active", "claim", { actor: "carol", task: "T2" }, [{ by: "bob", later: HOUR }]],
      want: { result: "refused: T2 is claimed by bob until <time>", written: 0, claimedBy: "bob" },
    },
    {
      case: "someone else's expired claim (the plan's claim_ttl is 4 h by default)",
      args: ["active", "claim", { actor: "carol", task: "T2" }, [{ by: "bob", later: 4 * HOUR }]],
      want: { result: 'task_claimed {"expires_at":"<time>","previous":"bob"}', written: 1, claimedBy: "carol" },
    },
    {
      case: "a task whose dependencies are open",
      args: ["active", "claim", { actor: "bob", task: "T3" }],
      want: { result: "refused: T3 depends on T2, not completed yet", written: 0, claimedBy: null },
    },
    {
      case: "a completed task",
      args: ["T1 completed", "claim", { actor: "bob", task: "T1" }],
      want: { result: "refused: T1 is already completed", written: 0, claimedBy: null },
    },
    {
      case: "a task of a milestone not activated",
      args: ["planned", "claim", { actor: "bob", task: "T1" }],
      want: { result: "refused: milestone m is planned", written: 0, claimedBy: null },
    },
    {
      case: "by someone with read access",
      args: ["active", "claim", { actor: "mallory", task: "T2" }],
      want: { result: "refused: mallory has read access; claim needs write", written: 0, claimedBy: null },
    },
  ] as const)("$case", async ({ args, want }) => {
    expect(await attempt(...(args as unknown as Parameters<typeof attempt>))).toEqual(want);
  });

  it("a claim runs out after the time it was given", async () => {
    const short = await attempt("active", "claim", { actor: "carol", task: "T2" }, [{ by: "bob", later: 2 * HOUR }]);
    expect(short.result).toMatch(/^refused: T2 is claimed by bob/);
    const { ctx, open } = await setupMilestone("active", "bob");
    await claim(ctx, await open(), { taskId: "T2", ttlMs: HOUR });
    ctx.clock.advance(HOUR);
    const taken = await stepOutcome(ctx, "m", async () =>
      claim({ ...ctx, actor: "carol" }, await open(), { taskId: "T2" }),
    );
    expect(taken.result).toMatch(/^task_claimed .*"previous":"bob"/);
  });
});

describe("release", () => {
  it.each([
    {
      case: "by the claimant",
      args: ["active", "release", { actor: "bob", task: "T2" }, [{ by: "bob" }]],
      want: { result: 'task_released {"claimant":"bob"}', written: 1, claimedBy: null },
    },
    {
      case: "someone else's claim, by a maintainer",
      args: ["active", "release", { actor: "mona", task: "T2" }, [{ by: "bob" }]],
      want: { result: 'task_released {"claimant":"bob"}', written: 1, claimedBy: null },
    },
    {
      case: "someone else's claim, by a writer",
      args: ["active", "release", { actor: "carol", task: "T2" }, [{ by: "bob" }]],
      want: { result: "refused: T2 is claimed by bob", written: 0, claimedBy: "bob" },
    },
    {
      case: "a task nobody claimed",
      args: ["active", "release", { actor: "bob", task: "T2" }],
      want: { result: "nothing", written: 0, claimedBy: null },
    },
    {
      case: "by someone with read access",
      args: ["active", "release", { actor: "mallory", task: "T2" }, [{ by: "bob" }]],
      want: { result: "refused: mallory has read access; release needs write", written: 0, claimedBy: "bob" },
    },
  ] as const)("$case", async ({ args, want }) => {
    expect(await attempt(...(args as unknown as Parameters<typeof attempt>))).toEqual(want);
  });
});
