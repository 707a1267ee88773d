import { runGit } from "./git.js";

/**
 * Every blob id `paths` had in the history of commit `tip`, through merges. `-m --full-history`: a
 * version that exists only in a merge's result, or on a merged side branch, counts too; `--root`:
 * the first commit's files. Raw entries: `:<mode> <mode> <old> <new> <status>\0<path>\0`.
 */
export async function historyBlobs(root: string, tip: string, paths: string[]): Promise<Set<string>> {
  if (paths.length === 0) return new Set();
  const out = await runGit(root, [
    ...["log", "--full-history", "-m", "--root", "--raw", "--no-abbrev", "--no-renames", "--format=", "-z"],
    ...["--end-of-options", tip, "--", ...paths],
  ]);
  const ids = new Set<string>();
  for (const field of out.split("\0")) {
    const entry = /^\n*:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) [A-Z]/.exec(field);
    if (entry && !/^0+$/.test(entry[1] as string)) ids.add(entry[1] as string);
  }
  return ids;
}
