/**
 * Entry point of the bundle (`dist/action/index.js`, run by `action.yml` on node24). The runner
 * reads the step's result from the exit code: 0 when the command succeeded, 1 otherwise.
 */
import { debug, setFailed } from "@actions/core";
import { run } from "./run.js";

try {
  process.exitCode = (await run()) ? 0 : 1;
} catch (error) {
  // run() reports every failure it knows; this is the last guard (a bug, or the runner's files unwritable).
  // One readable line; the stack only in the debug log (ACTIONS_STEP_DEBUG).
  if (error instanceof Error && error.stack) debug(error.stack);
  setFailed(`phasegate: unexpected error: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
