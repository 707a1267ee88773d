import { setFailed, warning } from "@actions/core";
import { realpath } from "node:fs/promises";
import { readCommand, readInputs, type ActionInputs } from "./inputs.js";
import { outcomeOfError, type Outcome } from "./outcome.js";
import { report } from "./report.js";
import { readRunEnvironment, type RunEnvironment } from "./run-environment.js";
import { openWorkspaceRepo, resolveWorkdir } from "./workspace-repo.js";

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

/**
 * Each command's module loads when the command runs (ADR 35): `validate` and `import` read the
 * checkout's files with the plan parser, and never load the log, the local adapters, Octokit or
 * secretlint; `status` and `scan` without a token run on the checkout; the rest need GitHub.
 */
async function dispatch(inputs: ActionInputs, environment: RunEnvironment): Promise<Outcome> {
  const workdir = await resolveWorkdir(environment.workspace, inputs.workingDirectory);
  switch (inputs.command) {
    case "validate": {
      const [{ validatePlans }, repo] = await Promise.all([
        import("./commands/validate.js"),
        openWorkspaceRepo(workdir),
      ]);
      // The default follows working-directory: its own `.milestones/`, when it is a sub-folder.
      const inSub = (await realpath(workdir)) !== repo.root;
      const paths = inputs.paths.length === 0 && inSub ? [".milestones"] : inputs.paths;
      return validatePlans(repo, workdir, paths);
    }
    case "import": {
      const [{ importPlan }, repo] = await Promise.all([import("./commands/import.js"), openWorkspaceRepo(workdir)]);
      return importPlan(repo, workdir, inputs);
    }
    case "status":
    case "scan":
      if (inputs.token === "") {
        const { dispatchWorkspace } = await import("./run-workspace.js");
        return dispatchWorkspace(inputs, environment, workdir);
      }
      break;
    default:
      break; // the others need GitHub: openApiContext says so
  }
  const { dispatchApi } = await import("./run-api.js");
  return dispatchApi(inputs, environment, workdir);
}
