import { realpath, stat } from "node:fs/promises";
import { dirname, join } from "node:path";

/**
 * The working tree's top level without starting git: the nearest folder with a `.git` entry.
 * Undefined (ask git) when git's location is overridden by the environment.
 */
export async function findTopLevel(cwd: string): Promise<string | undefined> {
  if (process.env.GIT_DIR !== undefined || process.env.GIT_WORK_TREE !== undefined) return undefined;
  let dir = await realpath(cwd).catch(() => undefined);
  while (dir !== undefined) {
    if (
      await stat(join(dir, ".git")).then(
        () => true,
        () => false,
      )
    )
      return dir;
    const parent = dirname(dir);
    dir = parent === dir ? undefined : parent;
  }
  return undefined;
}
