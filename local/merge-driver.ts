import { existsSync } from "node:fs";
import { runGit } from "./git.js";
import { readGitConfig } from "./read-git-config.js";

/** The merge driver's name, as `.gitattributes` names it (`merge=phasegate-log`). */
export const MERGE_DRIVER = "phasegate-log";

/** The driver's settings (`merge.phasegate-log.*`), as a `git config --get-regexp` pattern without anchors. */
export const MERGE_DRIVER_SETTINGS = `merge\\.${MERGE_DRIVER}\\..*`;

/** The placeholders git fills in: base, ours (the result goes there), theirs, the log's path. */
const ARGUMENTS = "merge-log %O %A %B %P";

/** What earlier versions registered: `phasegate` looked up on git's PATH, absent from most clones. */
const ON_PATH = `phasegate ${ARGUMENTS}`;

/**
 * The driver's command line: `node` and Phasegate's launcher by absolute path, each in single quotes
 * for the shell git runs it with (a `'` inside becomes `'\''`), so it works without `phasegate` on
 * PATH and no part of it is read as shell syntax. Undefined for a path with a control character (a
 * line break would end the command), which is then not registered.
 */
export function driverCommand(node: string, launcher: string): string | undefined {
  const control = (path: string) => [...path].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if ([node, launcher].some((path) => path === "" || control(path))) return undefined;
  const quote = (path: string) => `'${path.replaceAll("'", `'\\''`)}'`;
  return `${quote(node)} ${quote(launcher)} ${ARGUMENTS}`;
}

/** The launcher a driver this module wrote runs, or undefined when the value is not of that form. */
function launcherOf(value: string): string | undefined {
  const quoted = String.raw`'((?:[^']|'\\'')*)'`;
  const match = new RegExp(`^${quoted} ${quoted} ${ARGUMENTS}$`).exec(value);
  return match?.[2]?.replaceAll(`'\\''`, "'");
}

/**
 * Register Phasegate's merge driver for event logs in the repository's `.git/config`
 * (`merge.phasegate-log.name` and `.driver`), so `git merge` and `git rebase` join two clones' logs
 * into one chain instead of conflicting (ADR 10). `command` is the driver's fixed command line
 * (driverCommand). Idempotent. A value the user set is never overwritten; only one Phasegate wrote
 * that can no longer run is replaced: the PATH form of earlier versions, or a launcher that is gone.
 * Returns whether anything was written.
 */
export async function ensureMergeDriver(
  root: string,
  command: string = ON_PATH,
  /** The repository's settings when already read (they must include MERGE_DRIVER_SETTINGS). */
  known?: Promise<Map<string, string>>,
): Promise<boolean> {
  const wanted: [string, string][] = [
    [`merge.${MERGE_DRIVER}.name`, "Phasegate event logs: join both sides into one verified chain"],
    [`merge.${MERGE_DRIVER}.driver`, command],
  ];
  let wrote = false;
  // Both keys in one git run (or the caller's): keys print lowercased.
  const set = await (known ?? readGitConfig(root, `^${MERGE_DRIVER_SETTINGS}$`));
  for (const [key, value] of wanted) {
    const found = set.get(key.toLowerCase());
    const current = found?.trim() === "" ? undefined : found;
    if (current !== undefined && !(key.endsWith(".driver") && current !== value && isStale(current))) continue;
    await runGit(root, ["config", "--local", key, value]);
    wrote = true;
  }
  return wrote;
}

function isStale(value: string): boolean {
  if (value === ON_PATH) return true;
  const launcher = launcherOf(value);
  return launcher !== undefined && !existsSync(launcher);
}
