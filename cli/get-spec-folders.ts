import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { MissingPath, resolveRepoPath, type CheckoutFiles } from "../local/plan-paths.js";

/** The folder or the target plan file is not what the command needs; nothing was written. */
export class ImportRefused extends Error {
  override name = "ImportRefused";
}

/**
 * The spec folder the user named (relative to `cwd`, confined to the repository), and its spec
 * sub-folders when it has no tasks.md of its own (a folder of specs); [] for one spec folder.
 * Throws ImportRefused when there is no such folder.
 */
export async function getSpecFolders(
  repo: CheckoutFiles,
  cwd: string,
  given: string,
): Promise<{ folder: string; specs: string[] }> {
  const found = await resolveRepoPath(repo, cwd, given).catch((error: unknown) => {
    throw error instanceof MissingPath ? new ImportRefused(`${given}: no such folder`) : error;
  });
  if (found.kind !== "folder") throw new ImportRefused(`${given}: no such folder (it is a file)`);
  const folder = found.path;
  const specs = (await repo.read(folder === "" ? "tasks.md" : `${folder}/tasks.md`))
    ? []
    : await subfolders(join(repo.root, folder));
  return { folder, specs };
}

/** Sub-folders of `dir` (the spec folders of a specs folder), sorted; hidden ones left out. */
async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && !e.name.startsWith("."))
    .map((e) => e.name)
    .sort();
}
