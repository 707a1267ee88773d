import { lstat } from "node:fs/promises";
import { join } from "node:path";
import type { FileReader, FileSnapshot } from "../core/index.js";
import type { CheckoutFiles } from "./plan-paths.js";

/**
 * A checkout's files as the core's plan check reads them: a path that is a symlink in the working
 * tree comes back marked (`symlink`), without following it, as GitHub shows a mode 120000 entry; every
 * other path is read through `repo` as usual. One lstat per read: for validation, not the hot paths.
 */
export function markSymlinks(repo: CheckoutFiles): FileReader {
  return {
    list: (dir) => repo.list(dir),
    async read(path: string): Promise<FileSnapshot | undefined> {
      const info = await lstat(join(repo.root, ...path.split("/"))).catch(() => undefined);
      if (info?.isSymbolicLink()) return { path, text: "", version: "", symlink: true };
      return repo.read(path);
    },
  };
}
