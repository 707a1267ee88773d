/**
 * Every path the local adapters touch comes from a plan, a command or the event log: user text.
 * It is resolved against the repository root and refused when it could leave the repository
 * (absolute, `..`, a symlink that points outside) or reach into git's own files (`.git/`).
 *
 * A check like this races with a process that swaps a directory for a symlink between the check
 * and the use; that needs write access to the working tree, where the attacker could edit the
 * files directly anyway.
 */
import { lstat, realpath } from "node:fs/promises";
import { dirname, isAbsolute, join, posix, relative, sep, win32 } from "node:path";
import { SYMLINK_IN_GIT } from "../core/index.js";

export interface ConfinedPath {
  /** Normalised repository-relative path with `/` separators; `""` is the root itself. */
  relative: string;
  /** Absolute path in the working tree (not symlink-resolved). */
  absolute: string;
}

/** Why a symlink is refused where git's objects are read: the same words from every command (and the App). */
export { SYMLINK_IN_GIT };

/** A path refused because it leaves the repository or reaches into `.git/`. */
export class PathRefused extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`refused path ${JSON.stringify(path)}: ${reason}`);
    this.name = "PathRefused";
  }
}

/**
 * Resolve `path` (repository-relative) inside the working tree at `root`, or throw PathRefused.
 * `allowRoot` accepts `""` and `.` as the root itself (for listing a directory).
 */
export async function confinePath(
  root: string,
  path: string,
  options: { allowRoot?: boolean } = {},
): Promise<ConfinedPath> {
  const rel = normaliseRelative(path, options.allowRoot === true);
  const absolute = rel === "" ? root : join(root, ...rel.split("/"));
  const realRoot = await realpath(root);
  const resolved = await realpathOfDeepestExisting(path, absolute);
  const inside = relative(realRoot, resolved);
  if (inside !== "" && (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside))) {
    throw new PathRefused(path, "it resolves outside the repository (through a symlink)");
  }
  if (inside.split(sep).some(isGitDir)) {
    throw new PathRefused(path, "it resolves into .git/ (through a symlink)");
  }
  return { relative: rel, absolute };
}

function normaliseRelative(path: string, allowRoot: boolean): string {
  if (path.includes("\0")) throw new PathRefused(path, "it contains a NUL byte");
  if (path.includes("\\")) throw new PathRefused(path, "use / as the separator (backslashes are refused)");
  if (posix.isAbsolute(path) || win32.isAbsolute(path))
    throw new PathRefused(path, "it is absolute; use a path relative to the repository root");
  const segments = path.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) throw new PathRefused(path, "it contains `..`");
  if (segments.some(isGitDir)) throw new PathRefused(path, "it is inside .git/");
  if (segments.length === 0 && !allowRoot) throw new PathRefused(path, "it names the repository root, not a file");
  return segments.join("/");
}

/** Case-insensitive: on macOS and Windows `.GIT` is the same directory. */
function isGitDir(segment: string): boolean {
  return segment.toLowerCase() === ".git";
}

/** realpath of `absolute`, or of its deepest existing ancestor joined with the missing rest. */
async function realpathOfDeepestExisting(original: string, absolute: string): Promise<string> {
  let current = absolute;
  const missing: string[] = [];
  for (;;) {
    try {
      return join(await realpath(current), ...missing.reverse());
    } catch (error) {
      if (!isMissing(error)) throw error;
      if (await isSymlink(current)) {
        // A dangling symlink: writing through it would create its target, wherever that is.
        throw new PathRefused(original, "it goes through a symlink whose target does not exist");
      }
      const parent = dirname(current);
      if (parent === current) throw error;
      missing.push(current.slice(parent.length).replace(/^[\\/]/, ""));
      current = parent;
    }
  }
}

async function isSymlink(path: string): Promise<boolean> {
  try {
    return (await lstat(path)).isSymbolicLink();
  } catch {
    return false;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === "ENOENT" || code === "ENOTDIR";
}
