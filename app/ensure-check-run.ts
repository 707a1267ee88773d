import { ensureCheckRun as ensureInCore, type CheckRunSpec } from "../core/index.js";
import type { Delivery } from "./open-delivery.js";

/**
 * Create check run `check` unless the commit already has one with the same name, conclusion and
 * title: a redelivered `push` or `pull_request` makes no write (the core's ensureCheckRun). The
 * summary may differ (a plan's preview on a pushed commit shrinks once the sync has run); with
 * `sameSummary` it must match too.
 */
export async function ensureCheckRun(
  d: Delivery,
  check: CheckRunSpec,
  options: { sameSummary?: boolean } = {},
): Promise<void> {
  await ensureInCore(d.ctx.tracker, check, options);
}
