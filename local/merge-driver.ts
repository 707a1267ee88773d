import { runGit } from "./git.js";

/** The merge driver's name, as `.gitattributes` names it (`merge=phasegate-log`). */
export const MERGE_DRIVER = "phasegate-log";

/**
 * Register Phasegate's merge driver for event logs in the repository's `.git/config`
 * (`merge.phasegate-log.name` and `.driver`), so `git merge` and `git rebase` join two clones' logs
 * into one chain instead of conflicting (ADR 10). Idempotent, and never overwrites a value the user
 * set (a driver with another path to `phasegate`, say). Returns whether anything was written.
 */
export async function ensureMergeDriver(root: string, found = readMergeDriver(root)): Promise<boolean> {
  const wanted: [string, string][] = [
    [`merge.${MERGE_DRIVER}.name`, "Phasegate event logs: join both sides into one verified chain"],
    [`merge.${MERGE_DRIVER}.driver`, "phasegate merge-log %O %A %B %P"],
  ];
  let wrote = false;
  const out = await found;
  const set = new Set(
    out
      .split("\0")
      .filter((entry) => entry.slice(entry.indexOf("\n") + 1).trim() !== "")
      .map((entry) => entry.split("\n")[0]),
  );
  for (const [key, value] of wanted) {
    if (set.has(key.toLowerCase())) continue;
    await runGit(root, ["config", "--local", key, value]);
    wrote = true;
  }
  return wrote;
}

/**
 * The driver's keys as set now (what ensureMergeDriver starts from): a caller that will register it
 * later may read them early, beside other work. Both keys in one git run: keys print lowercased,
 * `<key>\n<value>` entries NUL-separated.
 */
export function readMergeDriver(root: string): Promise<string> {
  return runGit(root, ["config", "-z", "--get-regexp", `^merge\\.${MERGE_DRIVER}\\.`]).catch(() => "");
}
