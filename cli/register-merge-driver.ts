import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { driverCommand, ensureMergeDriver } from "../local/merge-driver.js";

/**
 * Register the event log's merge driver in the repository at `root` (ADR 10), run by every command
 * so that a fresh `git clone` has it before its first `git pull`. The driver runs this Node and this
 * checkout's launcher by absolute path (`bin/phasegate.js`, beside `cli/` in the sources and beside
 * `dist/` in the bundle), never `phasegate` looked up on PATH. Never fails the command: a repository
 * whose config cannot be written merges as before, with a conflict on the log. True when the config
 * was written now. `settings`: the repository's git settings when already read (LocalRepo.gitSettings).
 */
export async function registerMergeDriver(root: string, settings?: Promise<Map<string, string>>): Promise<boolean> {
  return ensureMergeDriver(root, mergeDriverCommand(), settings).catch(() => false);
}

/** The driver's command line: this Node and this checkout's launcher, shell-quoted (undefined: none). */
function mergeDriverCommand(): string | undefined {
  const launcher = fileURLToPath(new URL("../bin/phasegate.js", import.meta.url));
  return existsSync(launcher) ? driverCommand(process.execPath, launcher) : undefined;
}
