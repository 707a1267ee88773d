import { openApiContext } from "./api-context.js";
import { advanceOnGitHub } from "./commands/advance.js";
import { checkpointOnGitHub } from "./commands/checkpoint.js";
import { claimTask } from "./commands/claim.js";
import { answerComment } from "./commands/comment.js";
import { checkMergeGate } from "./commands/gate.js";
import { checkPullRequest } from "./commands/phase-check.js";
import { scanOnGitHub } from "./commands/scan-api.js";
import { showStatus } from "./commands/status.js";
import { syncMilestone } from "./commands/sync.js";
import { refuseForkWrites } from "./fork-guard.js";
import type { ActionInputs } from "./inputs.js";
import type { Outcome } from "./outcome.js";
import type { RunEnvironment } from "./run-environment.js";

/** The commands in API mode: the core's use cases over GitHub's REST API with the job's token. */
export async function dispatchApi(
  inputs: ActionInputs,
  environment: RunEnvironment,
  workdir: string,
): Promise<Outcome> {
  const ctx = await openApiContext(inputs.token, environment, inputs.command);
  // phase-check, gate and status only read (and post a check run); comment checks a fork's pull request itself and answers it
  // with a reply, running none of its commands (action/commands/comment.ts).
  if (!["phase-check", "gate", "status", "comment"].includes(inputs.command))
    await refuseForkWrites(inputs.command, ctx, environment);
  switch (inputs.command) {
    case "status":
      return showStatus(ctx, inputs.milestone);
    case "sync":
      return syncMilestone(ctx, inputs);
    case "scan":
      return scanOnGitHub(ctx, { ...inputs, workdir, eventName: environment.eventName });
    case "phase-check":
      return checkPullRequest(ctx, inputs);
    case "gate":
      return checkMergeGate(ctx);
    case "checkpoint":
      return checkpointOnGitHub(ctx, { ...inputs, workdir });
    case "claim":
    case "release":
      return claimTask(ctx, inputs);
    case "advance":
      return advanceOnGitHub(ctx, inputs);
    case "comment":
      return answerComment(ctx, environment.eventName);
    default:
      throw new Error(`${inputs.command} does not run on GitHub's API`);
  }
}
