import { runGit } from "./git.js";

/** The merge driver's name, as `.gitattributes` names it (`merge=phasegate-log`). */
export const MERGE_DRIVER = "phasegate-log";

/**
 * Register Phasegate's merge driver for event logs in the repository's `.git/config`
 * (`merge.phasegate-log.name` and `.driver`), so `git merge` and `git rebase` join two clones' logs
 * into one chain instead of conflicting (ADR 10). Idempotent, and never overwrites a value the user
 * set (a driver with another path to `phasegate`, say). Returns whether anything was written.
 */
export async function ensureMergeDriver(root: string): Promise<boolean> {
  const wanted: [string, string][] = [
    [`merge.${MERGE_DRIVER}.name`, "Phasegate event logs: join both sides into one verified chain"],
    [`merge.${MERGE_DRIVER}.driver`, "phasegate merge-log %O %A %B %P"],
  ];
  let wrote = false;
  for (const [key, value] of wanted) {
    const current = await runGit(root, ["config", "--get", key]).catch(() => "");
    if (current.trim() !== "") continue;
    await runGit(root, ["config", "--local", key, value]);
    wrote = true;
  }
  return wrote;
}
