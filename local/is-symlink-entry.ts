import type { GitObject } from "./cat-file-session.js";

/** Whether tree object `tree` lists `name` with mode 120000 (a symlink). Entries: `<mode> <name>\0<raw id>`. */
export function isSymlinkEntry(tree: GitObject, name: string): boolean {
  const idLength = tree.oid.length / 2;
  const content = tree.content;
  for (let at = 0; at < content.length;) {
    const space = content.indexOf(32, at);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0) return false;
    if (content.toString("utf8", space + 1, nul) === name) return content.toString("ascii", at, space) === "120000";
    at = nul + 1 + idLength;
  }
  return false;
}
