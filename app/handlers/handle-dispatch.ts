import type { Context as ProbotContext } from "probot";
import { CommandRefused, MilestoneHandle, PlanError } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import { openDelivery } from "../open-delivery.js";
import { CONTINUE_EVENT, syncMilestone } from "../sync-milestone.js";

/**
 * `repository_dispatch` `phasegate-continue`: the App's note to itself that a sync stopped at its
 * budget. The sync goes on from what GitHub shows now and sends another note if it still does not
 * finish (docs/adr/0013-long-syncs-continue-through-repository-dispatch.md). Only the milestone id is
 * taken from the payload; everything else is read again.
 */
export async function handleDispatch(context: ProbotContext<"repository_dispatch">, deps: AppDeps): Promise<void> {
  const payload = context.payload as {
    action?: string;
    client_payload?: { milestone?: unknown };
    sender?: { login: string };
  };
  if (payload.action !== CONTINUE_EVENT) return;
  const milestone = payload.client_payload?.milestone;
  if (typeof milestone !== "string") return;
  const d = await openDelivery(context, deps, payload.sender?.login ?? "phasegate");
  try {
    const handle = await MilestoneHandle.open(d.ctx, milestone, "sync");
    await syncMilestone(d, handle);
  } catch (error) {
    if (!(error instanceof PlanError || error instanceof CommandRefused)) throw error;
    context.log.warn(`phasegate-continue for ${milestone}: ${error.message}`);
  }
}
