/**
 * Branches and HEAD read from git's ref files, without starting git: a loose ref file, else its line
 * in `packed-refs` (the order git reads them in), following symbolic refs (`ref: <name>`). Only the
 * plain "files" layout of a working tree or linked worktree is read; in anything else (reftable,
 * replace refs, git's location set by the environment, a file that does not look as expected, a
 * read error) every answer is `undefined`: ask git.
 */
import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import { isObjectId } from "./git.js";
import { mayExist } from "./if-missing.js";
import { findGitDir } from "./log-witness.js";

/** A ref's object id, `null` when the ref certainly does not exist, `undefined` when git must be asked. */
export type RefAnswer = { oid: string; symref?: string } | null | undefined;

/** The refs read here: shared by every worktree, in the common git folder. HEAD is the worktree's own. */
const SHARED = /^refs\/(?:heads|remotes)\/./;
/** A path component of a ref read here: plain characters only (anything else is left to git). */
const COMPONENT = /^[A-Za-z0-9_][A-Za-z0-9_+.-]*$/;
const MAX_DEPTH = 5;

interface Layout {
  gitDir: string;
  commonDir: string;
  /** No shallow boundary and no grafts: every commit's parents are its own object's. */
  ownHistory: boolean;
}

export class RefFiles {
  private layout: Promise<Layout | undefined> | undefined;
  private packedRefs: { stamp: string; refs: Promise<Map<string, string> | undefined> } | undefined;

  constructor(private readonly root: string) {}

  /** Whether the layout is one read here (no reftable, no replace refs, no location set by the environment). */
  async plain(): Promise<boolean> {
    return (await this.read()) !== undefined;
  }

  /** Whether commits' parents are those their objects name: a plain layout without `shallow` or `info/grafts`. */
  async ownHistory(): Promise<boolean> {
    return (await this.read())?.ownHistory === true;
  }

  /** The object folder shared by every worktree, when the layout is one read here. */
  async objects(): Promise<string | undefined> {
    const layout = await this.read();
    return layout && join(layout.commonDir, "objects");
  }

  /** What `name` (`HEAD`, `refs/heads/…`, `refs/remotes/…`) points at, through symbolic refs. */
  async resolve(name: string): Promise<RefAnswer> {
    const layout = await this.read();
    if (!layout) return undefined;
    let current = name;
    let symref: string | undefined;
    for (let depth = 0; depth < MAX_DEPTH; depth++) {
      if (current !== "HEAD" && !isPlainRef(current)) return undefined;
      const dir = current === "HEAD" ? layout.gitDir : layout.commonDir;
      const text = await readFile(join(dir, current), "utf8").catch((error: NodeJS.ErrnoException) =>
        error.code === "ENOENT" ? null : undefined,
      );
      if (text === undefined) return undefined; // a folder, a permission, anything but "no such file"
      if (text === null) {
        if (current === "HEAD") return undefined;
        // Read after the loose file, as git does: `git pack-refs` writes it before removing loose files.
        const packed = await this.packed(layout.commonDir);
        if (!packed) return undefined;
        const oid = packed.get(current);
        return oid === undefined ? null : { oid, ...(symref !== undefined && { symref }) };
      }
      const line = text.endsWith("\n") ? text.slice(0, -1) : text;
      if (isObjectId(line)) return { oid: line, ...(symref !== undefined && { symref }) };
      if (!line.startsWith("ref: ")) return undefined;
      current = line.slice("ref: ".length);
      symref ??= current;
    }
    return undefined;
  }

  private read(): Promise<Layout | undefined> {
    // A `packed-refs` this module cannot read makes the layout one it does not read at all.
    this.layout ??= readLayout(this.root)
      .then(async (layout) => (layout && (await this.packed(layout.commonDir)) ? layout : undefined))
      .catch(() => undefined);
    return this.layout;
  }

  /**
   * `packed-refs`, parsed once while the file stays the same one (git replaces it by a rename when it
   * packs): a command resolves a few refs, each of which may fall to it.
   */
  private async packed(commonDir: string): Promise<Map<string, string> | undefined> {
    const path = join(commonDir, "packed-refs");
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? null : undefined));
    if (info === undefined) return undefined;
    const stamp = info === null ? "none" : `${info.ino}:${info.size}:${info.mtimeMs}`;
    if (this.packedRefs?.stamp !== stamp) this.packedRefs = { stamp, refs: readPacked(path) };
    return this.packedRefs.refs;
  }
}

/**
 * `refs/heads/…` or `refs/remotes/…` with plain components (letters, digits, `_`, `+`, `-`, `.`; never
 * `..`, a leading or trailing dot, `.lock`, `@{`): a name `git check-ref-format` accepts.
 */
export function isPlainRef(name: string): boolean {
  return (
    SHARED.test(name) &&
    name
      .split("/")
      .every((part) => COMPONENT.test(part) && !part.includes("..") && !part.endsWith(".lock") && !part.endsWith("."))
  );
}

/**
 * The worktree's git folder and the common one (`commondir` in a linked worktree); undefined for a
 * layout this module does not read.
 */
async function readLayout(root: string): Promise<Layout | undefined> {
  const env = process.env;
  const overrides = [
    "GIT_DIR",
    "GIT_COMMON_DIR",
    "GIT_OBJECT_DIRECTORY",
    "GIT_NO_REPLACE_OBJECTS",
    "GIT_REPLACE_REF_BASE",
    "GIT_GRAFT_FILE",
  ];
  if (overrides.some((k) => env[k] !== undefined)) return undefined;
  const gitDir = await findGitDir(root);
  const commonDir = await findCommonDir(gitDir);
  // reftable keeps no ref files (what looks like one is a stub); replace refs change what a commit holds;
  // a shallow boundary or grafts change a commit's parents (only a history walk cares: ownHistory).
  const [reftable, replace, refs, shallow, grafts] = await Promise.all([
    mayExist(join(commonDir, "reftable")),
    mayExist(join(commonDir, "refs", "replace")),
    stat(join(commonDir, "refs")).then((info) => info.isDirectory()),
    mayExist(join(commonDir, "shallow")),
    mayExist(join(commonDir, "info", "grafts")),
  ]);
  if (reftable || replace || !refs) return undefined;
  return { gitDir, commonDir, ownHistory: !shallow && !grafts };
}

/** The git folder every worktree shares: `gitDir` itself, or where a linked worktree's `commondir` points. */
export async function findCommonDir(gitDir: string): Promise<string> {
  const pointer = await readFile(join(gitDir, "commondir"), "utf8").catch(() => undefined);
  const common = pointer?.replace(/\n$/, "");
  return common === undefined ? gitDir : isAbsolute(common) ? common : join(gitDir, common);
}

/** `packed-refs`: `<oid> <name>` lines, `^<oid>` peeled lines, a `#` header; undefined for anything else. */
async function readPacked(path: string): Promise<Map<string, string> | undefined> {
  const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) =>
    error.code === "ENOENT" ? "" : undefined,
  );
  if (text === undefined) return undefined;
  const refs = new Map<string, string>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#") || (line.startsWith("^") && isObjectId(line.slice(1)))) continue;
    const at = line.indexOf(" ");
    const [oid, name] = [line.slice(0, at), line.slice(at + 1)];
    if (at < 0 || !isObjectId(oid)) return undefined;
    if (name.startsWith("refs/replace/")) return undefined;
    refs.set(name, oid);
  }
  return refs;
}
