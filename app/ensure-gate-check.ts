import { judgeMergeGate, type MergeGateInput } from "../core/index.js";
import { ensureCheckRun } from "./ensure-check-run.js";
import type { Delivery } from "./open-delivery.js";

/**
 * `phasegate/gate` on a pull request's head: the core's judgeMergeGate (plans from the default
 * branch, logs from the milestone branches, the head read as data), written only when the head has
 * no run with the same conclusion and title (a redelivery writes nothing).
 */
export async function ensureGateCheck(d: Delivery, pull: MergeGateInput): Promise<void> {
  const { check } = await judgeMergeGate(d.ctx, pull);
  // The summary says who can approve: a new run when that changed, though the title did not.
  await ensureCheckRun(d, check, { sameSummary: true });
}
