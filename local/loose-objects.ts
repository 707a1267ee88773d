import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import type { MemoEntry } from "./commit-memo.js";
import { treeEntry } from "./tree-entry.js";

export interface LooseObject {
  type: "blob" | "tree" | "commit" | "tag";
  body: Buffer;
}

const SHA1 = /^[0-9a-f]{40}$/;
const HEADER = /^(blob|tree|commit|tag) (\d+)$/;

/**
 * An object from git's loose object file (`objects/<2>/<38>`, zlib-compressed `<type> <size>\0…`),
 * without starting git; undefined when it is not there as a loose SHA-1 object (packed, in an
 * alternate, another object format, damaged): ask git. Returned only when its bytes hash to `oid`,
 * so what it says is what git would say of that id.
 */
export async function readLooseObject(objects: string, oid: string): Promise<LooseObject | undefined> {
  if (!SHA1.test(oid)) return undefined;
  const file = await readFile(join(objects, oid.slice(0, 2), oid.slice(2))).catch(() => undefined);
  if (!file) return undefined;
  let object: Buffer;
  try {
    object = inflateSync(file);
  } catch {
    return undefined;
  }
  const nul = object.indexOf(0);
  const header = HEADER.exec(nul < 0 ? "" : object.subarray(0, nul).toString("latin1"));
  if (!header || Number(header[2]) !== object.length - nul - 1) return undefined;
  if (createHash("sha1").update(object).digest("hex") !== oid) return undefined;
  return { type: header[1] as LooseObject["type"], body: object.subarray(nul + 1) };
}

/** A blob's bytes from its loose object; undefined when it is not a loose blob. */
export async function readLooseBlob(objects: string, oid: string): Promise<Buffer | undefined> {
  const object = await readLooseObject(objects, oid);
  return object?.type === "blob" ? object.body : undefined;
}

/** The tree a loose commit names (its first line); undefined when the commit is not a loose object. */
export async function looseCommitTree(objects: string, commit: string): Promise<string | undefined> {
  return (await looseCommit(objects, commit))?.tree;
}

/** A loose commit's tree and parents (its header lines); undefined when the commit is not a loose object. */
export async function looseCommit(
  objects: string,
  commit: string,
): Promise<{ tree: string; parents: string[] } | undefined> {
  const object = await readLooseObject(objects, commit);
  if (object?.type !== "commit") return undefined;
  const header = object.body.subarray(0, Math.max(0, object.body.indexOf("\n\n"))).toString("latin1");
  const lines = header.split("\n");
  const tree = /^tree ([0-9a-f]{40})$/.exec(lines[0] ?? "")?.[1];
  if (tree === undefined) return undefined;
  const parents: string[] = [];
  for (const line of lines.slice(1)) {
    const parent = /^parent ([0-9a-f]{40})$/.exec(line)?.[1];
    if (parent === undefined) break;
    parents.push(parent);
  }
  return { tree, parents };
}

/**
 * What is at `path` (slash-separated, relative) in `tree`, walking loose tree objects as `git
 * cat-file <tree>:<path>` would: a blob (a symlink's too, flagged) or null when there is none there
 * (missing, a folder, a submodule, a path through a file or symlink). Undefined when some tree on
 * the way is not a loose object: ask git.
 */
export async function looseTreeEntry(objects: string, tree: string, path: string): Promise<MemoEntry | undefined> {
  const names = path.split("/");
  let at = tree;
  for (let i = 0; i < names.length; i++) {
    const object = await readLooseObject(objects, at);
    if (object?.type !== "tree") return undefined;
    const entry = treeEntry(object.body, names[i]!, 20);
    if (!entry) return null;
    const last = i === names.length - 1;
    if (!last) {
      // A file, symlink or submodule on the way: no blob below it. A mode git does not write: ask git.
      if (entry.mode !== "40000") return KNOWN_MODES.has(entry.mode) ? null : undefined;
      at = entry.oid;
      continue;
    }
    return lastEntry(entry);
  }
  return null;
}

/** The modes git writes in trees: files, an executable, a symlink, a folder, a submodule. */
const KNOWN_MODES = new Set(["100644", "100755", "120000", "40000", "160000"]);

/** What the last entry of a path is: a blob (a symlink flagged), none (a folder, a submodule), or ask git (any other mode). */
function lastEntry(entry: { mode: string; oid: string }): MemoEntry | undefined {
  if (entry.mode === "120000") return { oid: entry.oid, symlink: true };
  if (entry.mode === "100644" || entry.mode === "100755") return { oid: entry.oid, symlink: false };
  return KNOWN_MODES.has(entry.mode) ? null : undefined;
}
