import { scanMilestone } from "./commands/scan.js";
import { showStatus } from "./commands/status.js";
import { findUntrustedOrigin } from "./fork-guard.js";
import type { ActionInputs } from "./inputs.js";
import type { Outcome } from "./outcome.js";
import { readEventPayload } from "./read-event-payload.js";
import type { RunEnvironment } from "./run-environment.js";
import { openWorkspaceContext } from "./workspace-context.js";

/** `status` and `scan` without a token: the core's use cases over the checkout, with the local adapters. */
export async function dispatchWorkspace(
  inputs: ActionInputs,
  environment: RunEnvironment,
  workdir: string,
): Promise<Outcome> {
  const ctx = await openWorkspaceContext(workdir, environment);
  switch (inputs.command) {
    case "status":
      return showStatus(ctx, inputs.milestone);
    case "scan":
      return scanMilestone(ctx, inputs.milestone, environment.eventName, await originOf(environment));
    default:
      throw new Error(`${inputs.command} does not run on the checkout alone`);
  }
}

/** Where the checkout's code may come from when outside the repository (no token here: a PR's head is unknown). */
async function originOf(environment: RunEnvironment): Promise<string | undefined> {
  const payload = await readEventPayload(environment.eventPath);
  return findUntrustedOrigin(environment.eventName, payload, environment.repository ?? "", async () => undefined);
}
