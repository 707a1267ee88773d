import { judgeMergeGate, MilestoneHandle, type MergeGateInput, type OpenMilestone } from "../core/index.js";
import { ensureCheckRun } from "./ensure-check-run.js";
import type { Delivery } from "./open-delivery.js";

/**
 * `phasegate/gate` on a pull request's head: the core's judgeMergeGate (plans from the default
 * branch, logs from the milestone branches, the head read as data), written only when the head has
 * no run with the same conclusion and title (a redelivery writes nothing). Each milestone is opened
 * once per delivery (ADR 36).
 */
export async function ensureGateCheck(d: Delivery, pull: MergeGateInput): Promise<void> {
  const { check } = await judgeMergeGate(d.ctx, pull, openOnce(d));
  // The summary says who can approve: a new run when that changed, though the title did not.
  await ensureCheckRun(d, check, { sameSummary: true });
}

/** The delivery's open milestone when it has one (read or written here), else opened now and kept. */
function openOnce(d: Delivery): OpenMilestone {
  return async (ctx, milestoneId) => {
    const kept = d.milestones.get(milestoneId);
    if (kept) return kept;
    const handle = await MilestoneHandle.open(ctx, milestoneId, "gate");
    d.milestones.set(milestoneId, handle);
    return handle;
  };
}
