import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { getCurrentBranch } from "./git.js";
import { findGitDir } from "./log-witness.js";

/**
 * The branch checked out at `root` (also an unborn one); undefined when HEAD is detached. `.git/HEAD`
 * is read as a file (as the witness does), without starting git: `ref: refs/heads/<name>` is that
 * branch, a commit id is a detached HEAD. Anything else (reftable's placeholder, git's location set
 * by the environment) is asked of git.
 */
export async function readCurrentBranch(root: string): Promise<string | undefined> {
  if (process.env.GIT_DIR === undefined) {
    const head = await readFile(join(await findGitDir(root), "HEAD"), "utf8").catch(() => "");
    const branch = /^ref: refs\/heads\/([^\0\s]+)\n?$/.exec(head)?.[1];
    if (branch !== undefined && branch !== ".invalid") return branch;
    if (/^[0-9a-f]{40,64}\n?$/.test(head)) return undefined;
  }
  return getCurrentBranch(root);
}
