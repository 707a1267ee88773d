import { CommandRefused } from "../commands/command-refused.js";
import type { Projection, TrackerOp } from "../projection/projection.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import type { SyncBase, SyncOptions } from "./sync-base.js";
import { runSync, type SyncTarget } from "./sync-run.js";
import { simulateTracker } from "./sync-simulate.js";

export interface SyncReport {
  milestone: string;
  /** The writes made (dry run: the writes that would be made), in order. */
  writes: TrackerOp[];
  /** How many writes the whole job needs from where this run started. */
  total: number;
  /** False when the run stopped at its budget: "partial: writes.length of total". */
  complete: boolean;
  /** Limits GitHub set that the projection could not follow (also said on the dashboard). */
  notes: string[];
  /** Another sync held the lease: this one wrote nothing. */
  busy?: boolean;
}

/**
 * Project the milestone onto GitHub (product.md §9): desired = render(plan, state); actual = the
 * tracker's paginated lists; the difference is written with the fewest writes, in an order where
 * nothing needs a second edit (labels, milestone, task issues in dependency order, dashboard,
 * links). Idempotent: a second run with nothing changed makes no write. Bounded: it stops at its
 * budget and reports what is left; the next run continues from what GitHub then shows.
 */
export async function sync(ctx: Context, handle: MilestoneHandle, options: SyncOptions = {}): Promise<SyncReport> {
  const tracker = ctx.tracker;
  if (!tracker) {
    throw new CommandRefused("sync", "there is no GitHub here to sync to", {
      code: "no-tracker",
      whoCan: "run it with a repository on GitHub (phasegate sync <milestone> --repo owner/name)",
    });
  }
  const actual = await tracker.readProjection(handle.plan.id, options.known);
  // Labels come from the handle (the repository's settings, read with the plan), never from the
  // shell: whichever shell syncs renders the same bytes, so a second shell finds nothing to write.
  const base = {
    plan: handle.plan,
    state: handle.state,
    view: await handle.explainedView(ctx.clock.now()),
    labels: handle.labels,
    options,
  };
  const preview = await runSync(base, simulateTracker(actual), clone(actual), {});
  if (options.dryRun)
    return {
      milestone: handle.plan.id,
      writes: preview.writes,
      total: preview.writes.length,
      complete: true,
      notes: preview.notes,
    };
  // Creates are what two racing syncs could duplicate (GitHub has no unique key on issues): only a
  // sync that creates issues or comments takes the lease; edits are idempotent and need none.
  const creates = preview.writes.some((w) => w.kind === "create-issue" || w.kind === "create-comment");
  const lease = creates ? await tracker.acquireLease(handle.plan.id, LEASE_MS) : undefined;
  if (creates && !lease) {
    return {
      milestone: handle.plan.id,
      writes: [],
      total: preview.writes.length,
      complete: false,
      notes: ["another sync of this milestone is running; it will finish the job"],
      busy: true,
    };
  }
  try {
    // Under a lease GitHub is read again: another sync may have finished just before it was taken.
    const current = lease ? await tracker.readProjection(handle.plan.id, { thorough: true }) : actual;
    return await syncUnderLease(ctx, handle, options, base, preview.writes.length, current);
  } finally {
    await lease?.release();
  }
}

/** How long a sync may hold the lease; a crashed holder's lease is taken over after it. */
const LEASE_MS = 60_000;

async function syncUnderLease(
  ctx: Context,
  handle: MilestoneHandle,
  options: SyncOptions,
  base: SyncBase,
  total: number,
  actual: Projection,
): Promise<SyncReport> {
  const tracker = ctx.tracker as NonNullable<Context["tracker"]>;
  const started = ctx.clock.now().getTime();
  let done = 0;
  const target: SyncTarget = {
    apply: async (op) => {
      const result = await tracker.apply(op);
      ctx.progress?.update("sync", "writes", ++done, total);
      return result;
    },
    fresh: async (number) => (options.rereadDashboard === false ? undefined : tracker.getIssue(number)),
    blockedBy: (number) => tracker.listBlockedBy(number),
    comments: (number) => tracker.listComments(number),
  };
  const result = await runSync(base, target, actual, {
    ...(options.maxWrites !== undefined && { maxWrites: options.maxWrites }),
    ...(options.maxMs !== undefined && { deadline: () => ctx.clock.now().getTime() - started >= (options.maxMs ?? 0) }),
  });
  return {
    milestone: handle.plan.id,
    writes: result.writes,
    total,
    complete: result.complete,
    notes: result.notes,
  };
}

function clone(projection: Projection): Projection {
  return structuredClone(projection);
}
