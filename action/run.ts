import { warning } from "@actions/core";
import { resolve } from "node:path";
import { importPlan } from "./commands/import.js";
import { scanMilestone } from "./commands/scan.js";
import { showStatus } from "./commands/status.js";
import { validatePlans } from "./commands/validate.js";
import { readCommand, readInputs, type ActionInputs } from "./inputs.js";
import { outcomeOfError, type Outcome } from "./outcome.js";
import { report } from "./report.js";
import { readRunEnvironment, type RunEnvironment } from "./run-environment.js";
import { openWorkspaceContext } from "./workspace-context.js";

/**
 * The action: read the inputs, run the command's core use case on the workflow's checkout, report.
 * Every failure (bad input, refusal, invalid plan, blockers) ends in `setFailed` with its reason;
 * returns whether the step succeeded.
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
  await report(outcome);
  return outcome.failure === undefined;
}

async function dispatch(inputs: ActionInputs, environment: RunEnvironment): Promise<Outcome> {
  const workdir = resolve(environment.workspace, inputs.workingDirectory);
  const ctx = await openWorkspaceContext(workdir, environment);
  switch (inputs.command) {
    case "validate":
      return validatePlans(ctx.repo, workdir, inputs.paths);
    case "import":
      return importPlan(ctx.repo, workdir, inputs);
    case "status":
      return showStatus(ctx, inputs.milestone);
    case "scan":
      return scanMilestone(ctx, inputs.milestone, environment.eventName);
  }
}
