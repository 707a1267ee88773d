import type { Context as ProbotContext, Probot } from "probot";
import { CommandRefused, MilestoneHandle, PlanError } from "../../core/index.js";
import type { AppDeps } from "../app-deps.js";
import type { Continuation } from "../continuation-queue.js";
import { openDelivery, openDeliveryAt, type Delivery } from "../open-delivery.js";
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
  await continueSync(d, milestone);
}

/**
 * A continuation taken from the deployment's queue (ADR 21): the same sync as a dispatch's, as the
 * installation, outside any webhook; it queues the next round if it still does not finish.
 */
export async function runContinuation(app: Probot, deps: AppDeps, c: Continuation): Promise<void> {
  const octokit = await app.auth(c.installationId);
  const { owner, repo } = c;
  const d = openDeliveryAt(
    {
      octokit,
      owner,
      repo,
      defaultBranch: c.defaultBranch,
      installationId: c.installationId,
      log: app.log,
      id: `continue-${c.milestone}-${c.round}`,
      round: c.round,
      extendSettings: async () => {
        const { config, files } = await octokit.config.get({ owner, repo, path: ".github/phasegate.yml" });
        return files.some((f) => f.config !== null) ? config : null;
      },
    },
    deps,
    "phasegate",
  );
  await continueSync(d, c.milestone);
}

async function continueSync(d: Delivery, milestone: string): Promise<void> {
  try {
    const handle = await MilestoneHandle.open(d.ctx, milestone, "sync");
    await syncMilestone(d, handle);
  } catch (error) {
    if (!(error instanceof PlanError || error instanceof CommandRefused)) throw error;
    d.ctx.logger.warn(`phasegate-continue for ${milestone}: ${error.message}`);
  }
}
