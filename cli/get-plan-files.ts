import { realpath } from "node:fs/promises";
import { join, relative } from "node:path";
import type { ImportFiles } from "../core/index.js";
import { LocalRepo } from "../local/local-repo.js";
import { expandPlanPaths, type CheckoutFiles } from "../local/plan-paths.js";

export interface PlanFiles {
  /** The repository's files, through the core's ports (read, and write for `migrate`). */
  repo: CheckoutFiles & ImportFiles;
  /** Repository-relative paths, for the Repo port. */
  files: string[];
  /** A repository-relative path as the user would type it from where they are, for messages. */
  shown(file: string): string;
}

/**
 * The plan files named on the command line (or every plan in the plan folders), found as the
 * Action finds them (local/plan-paths.ts): confined to the repository, read through the Repo port.
 * Throws when `cwd` is not in a git repository or a named path is not in it.
 */
export async function getPlanFiles(
  cwd: string,
  given: string[],
  options: { symlinks?: boolean } = {},
): Promise<PlanFiles> {
  const repo = await LocalRepo.open(cwd);
  const files = await expandPlanPaths(repo, cwd, given, options);
  const here = await realpath(cwd).catch(() => cwd);
  return { repo, files, shown: (file) => relative(here, join(repo.root, file)) || file };
}
