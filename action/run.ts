import { setFailed, warning } from "@actions/core";
import { realpath } from "node:fs/promises";
import { importPlan } from "./commands/import.js";
import { scanMilestone } from "./commands/scan.js";
import { showStatus } from "./commands/status.js";
import { validatePlans } from "./commands/validate.js";
import { findUntrustedOrigin } from "./fork-guard.js";
import { readCommand, readInputs, type ActionInputs } from "./inputs.js";
import { outcomeOfError, type Outcome } from "./outcome.js";
import { readEventPayload } from "./read-event-payload.js";
import { report } from "./report.js";
import { readRunEnvironment, type RunEnvironment } from "./run-environment.js";
import { openWorkspaceContext, resolveWorkdir } from "./workspace-context.js";

/**
 * The action: read the inputs, run the command's core use case, report. Commands that need GitHub
 * (and `status`/`scan` when a token is given) run in "API mode" over GitHub's REST API; the others
 * on the workflow's checkout. Every failure ends in `setFailed` with its reason; returns whether the
 * step succeeded.
 */
export async function run(): Promise<boolean> {
  let command = "action"; // names the failure until the command input is known
  let outcome: Outcome;
  try {
    const known = readCommand();
    command = known;
    const { inputs, ignored } = readInputs(known);
    for (const name of ignored) warning(`input "${name}" has no effect on ${command}; it is ignored`);
    const environment = readRunEnvironment(process.env, process.cwd(), new Date());
    outcome = await dispatch(inputs, environment);
  } catch (error) {
    outcome = outcomeOfError(command, error);
  }
  try {
    await report(outcome);
  } catch (error) {
    // The runner's files (step summary, outputs) unwritable: one readable annotation, no stack trace.
    const reason = error instanceof Error ? error.message : String(error);
    setFailed(`phasegate ${command}: could not report the result to the runner: ${reason}`);
    return false;
  }
  return outcome.failure === undefined;
}

async function dispatch(inputs: ActionInputs, environment: RunEnvironment): Promise<Outcome> {
  const workdir = await resolveWorkdir(environment.workspace, inputs.workingDirectory);
  const local = inputs.command === "validate" || inputs.command === "import";
  if (local || (inputs.token === "" && (inputs.command === "status" || inputs.command === "scan"))) {
    const ctx = await openWorkspaceContext(workdir, environment);
    switch (inputs.command) {
      case "validate": {
        // The default follows working-directory: its own `.milestones/`, when it is a sub-folder.
        const inSub = (await realpath(workdir)) !== ctx.repo.root;
        const paths = inputs.paths.length === 0 && inSub ? [".milestones"] : inputs.paths;
        return validatePlans(ctx.repo, workdir, paths);
      }
      case "import":
        return importPlan(ctx.repo, workdir, inputs);
      case "status":
        return showStatus(ctx, inputs.milestone);
      case "scan":
        return scanMilestone(ctx, inputs.milestone, environment.eventName, await originOf(environment));
      default:
        break; // the others need GitHub: openApiContext says so
    }
  }
  // API mode lives in its own module, loaded only when needed: validate starts without Octokit.
  const { dispatchApi } = await import("./run-api.js");
  return dispatchApi(inputs, environment, workdir);
}

/** Where the checkout's code may come from when outside the repository (no token here: a PR's head is unknown). */
async function originOf(environment: RunEnvironment): Promise<string | undefined> {
  const payload = await readEventPayload(environment.eventPath);
  return findUntrustedOrigin(environment.eventName, payload, environment.repository ?? "", async () => undefined);
}
