/**
 * Git's object model with real SHA-1 ids (`blob <len>\0<bytes>` etc.), so shas match local git.
 * https://git-scm.com/book/en/v2/Git-Internals-Git-Objects
 */
import { createHash } from "node:crypto";

export interface Signature {
  name: string;
  email: string;
  /** ISO 8601. */
  date: string;
}

export interface TreeEntry {
  name: string;
  /** As the REST API shows it: `100644`, `100755`, `040000`, `160000`, `120000`. */
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
}

export type GitObject =
  | { type: "blob"; sha: string; content: Buffer }
  | { type: "tree"; sha: string; entries: TreeEntry[] }
  | {
      type: "commit";
      sha: string;
      tree: string;
      parents: string[];
      message: string;
      author: Signature;
      committer: Signature;
    };

export type ObjectStore = Map<string, GitObject>;

/** A leaf of a flattened tree: full path → entry. */
export type FlatTree = Map<string, Omit<TreeEntry, "name">>;

function hashObject(kind: string, payload: Buffer): string {
  return createHash("sha1")
    .update(Buffer.concat([Buffer.from(`${kind} ${payload.length}\0`), payload]))
    .digest("hex");
}

export function writeBlob(store: ObjectStore, content: Buffer): string {
  const sha = hashObject("blob", content);
  if (!store.has(sha)) store.set(sha, { type: "blob", sha, content });
  return sha;
}

/** Git sorts tree entries by name, comparing a tree's name as if it ended in "/". */
function sortKey(e: TreeEntry): string {
  return e.type === "tree" ? `${e.name}/` : e.name;
}

export function writeTree(store: ObjectStore, entries: TreeEntry[]): string {
  const sorted = [...entries].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0));
  const parts = sorted.map((e) =>
    Buffer.concat([Buffer.from(`${e.mode.replace(/^0+/, "")} ${e.name}\0`), Buffer.from(e.sha, "hex")]),
  );
  const sha = hashObject("tree", Buffer.concat(parts));
  if (!store.has(sha)) store.set(sha, { type: "tree", sha, entries: sorted });
  return sha;
}

function signatureLine(s: Signature): string {
  return `${s.name} <${s.email}> ${Math.floor(Date.parse(s.date) / 1000)} +0000`;
}

export function writeCommit(
  store: ObjectStore,
  c: { tree: string; parents: string[]; message: string; author: Signature; committer: Signature },
): string {
  const text =
    `tree ${c.tree}\n` +
    c.parents.map((p) => `parent ${p}\n`).join("") +
    `author ${signatureLine(c.author)}\ncommitter ${signatureLine(c.committer)}\n\n${c.message}`;
  const sha = hashObject("commit", Buffer.from(text));
  if (!store.has(sha)) store.set(sha, { type: "commit", sha, ...c });
  return sha;
}

/** Every blob (and submodule) under a tree, keyed by full path. */
export function flattenTree(store: ObjectStore, treeSha: string, prefix = "", out: FlatTree = new Map()): FlatTree {
  const tree = store.get(treeSha);
  if (tree?.type !== "tree") throw new Error(`not a tree: ${treeSha}`);
  for (const e of tree.entries) {
    const path = prefix + e.name;
    if (e.type === "tree") flattenTree(store, e.sha, `${path}/`, out);
    else out.set(path, { mode: e.mode, type: e.type, sha: e.sha });
  }
  return out;
}

/** Writes the nested trees for a flat path map and returns the root tree's sha. */
export function buildTree(store: ObjectStore, flat: FlatTree): string {
  const files: TreeEntry[] = [];
  const dirs = new Map<string, FlatTree>();
  for (const [path, entry] of flat) {
    const slash = path.indexOf("/");
    if (slash < 0) {
      files.push({ name: path, ...entry });
      continue;
    }
    const dir = path.slice(0, slash);
    const sub = dirs.get(dir) ?? new Map();
    sub.set(path.slice(slash + 1), entry);
    dirs.set(dir, sub);
  }
  const trees = [...dirs].map(([name, sub]): TreeEntry => ({
    name,
    mode: "040000",
    type: "tree",
    sha: buildTree(store, sub),
  }));
  return writeTree(store, [...files, ...trees]);
}

/** Whether `ancestor` is reachable from `commit` through parents (a commit is its own ancestor). */
export function isAncestor(store: ObjectStore, ancestor: string, commit: string): boolean {
  const seen = new Set<string>();
  const stack = [commit];
  while (stack.length) {
    const sha = stack.pop()!;
    if (sha === ancestor) return true;
    if (seen.has(sha)) continue;
    seen.add(sha);
    const obj = store.get(sha);
    if (obj?.type === "commit") stack.push(...obj.parents);
  }
  return false;
}

/** The entry at `path` in a tree ("" is the root tree itself), or undefined. */
export function lookupPath(store: ObjectStore, treeSha: string, path: string): TreeEntry | undefined {
  let current: TreeEntry = { name: "", mode: "040000", type: "tree", sha: treeSha };
  for (const part of path.split("/").filter(Boolean)) {
    const tree = store.get(current.sha);
    if (tree?.type !== "tree") return undefined;
    const next = tree.entries.find((e) => e.name === part);
    if (!next) return undefined;
    current = next;
  }
  return current;
}
