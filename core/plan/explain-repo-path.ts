import { PATH_PLACEHOLDERS } from "./plan-patterns.js";

export interface PathProblem {
  message: string;
  hint: string;
}

/**
 * Why a deliverable path is not a normalised, repository-relative file path, or undefined when it
 * is one. Paths are confined to the repository because the shells read them from a checkout or
 * through the contents API; a path that escapes it would read the runner's files.
 */
export function explainRepoPath(path: string): PathProblem | undefined {
  if (path.length === 0) return { message: "is empty", hint: "write a file path relative to the repository root" };
  if (/\p{Cc}/u.test(path)) {
    return { message: "contains control characters", hint: "write a plain file path" };
  }
  if (path.includes("\\")) {
    return {
      message: "uses backslashes",
      hint: `paths use \`/\` on every platform: \`${path.replaceAll("\\", "/")}\``,
    };
  }
  if (/^[A-Za-z]:/.test(path) || path.startsWith("/") || path.startsWith("~")) {
    return { message: "is absolute", hint: "write it relative to the repository root, e.g. `docs/design.md`" };
  }
  const unknown = [...path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!).find((name) => !isPlaceholder(name));
  if (unknown !== undefined) {
    const known = PATH_PLACEHOLDERS.map((p) => `{${p}}`).join(", ");
    return { message: `uses the unknown placeholder \`{${unknown}}\``, hint: `placeholders are ${known}` };
  }
  if (path.endsWith("/")) return { message: "names a folder", hint: "a file deliverable is one file; name it" };
  const normal: string[] = [];
  for (const segment of path.split("/")) {
    if (segment === "" || segment === ".") continue;
    if (segment === "..") {
      if (normal.length === 0) {
        return {
          message: "escapes the repository with `..`",
          hint: "deliverables must be files inside the repository",
        };
      }
      normal.pop();
      continue;
    }
    normal.push(segment);
  }
  // Case-insensitive: `.GIT/config` is git's own directory on macOS and Windows file systems.
  if (normal.some((segment) => segment.toLowerCase() === ".git")) {
    return { message: "points into `.git/`", hint: "git's own files cannot be deliverables" };
  }
  const normalised = normal.join("/");
  if (normalised !== path) {
    return { message: "is not normalised", hint: `write \`${normalised}\`` };
  }
  return undefined;
}

function isPlaceholder(name: string): boolean {
  return (PATH_PLACEHOLDERS as readonly string[]).includes(name);
}
