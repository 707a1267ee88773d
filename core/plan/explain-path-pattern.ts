import type { PathProblem } from "./explain-repo-path.js";

/**
 * Why a task's `paths` entry is not a pattern Phasegate accepts, or undefined when it is one. The
 * syntax is CODEOWNERS' (gitignore rules without `!` and `[ ]`, compilePattern), matched against
 * the repository-relative paths a pull request changes. A pattern cannot reach outside the
 * repository or into `.git/`, and is written normalised, so what it covers is what it says.
 */
export function explainPathPattern(pattern: string): PathProblem | undefined {
  if (pattern.trim() === "") return { message: "is empty", hint: "write a pattern such as `src/auth/**`" };
  if (/\p{Cc}|\s/u.test(pattern))
    return { message: "contains spaces or control characters", hint: "write one pattern without spaces" };
  if (pattern.includes("\\")) return { message: "uses backslashes", hint: "patterns use `/` on every platform" };
  if (pattern.startsWith("!")) return { message: "negates with `!`", hint: "list only what the task owns" };
  if (/[[\]]/.test(pattern))
    return { message: "uses `[ ]` ranges", hint: "CODEOWNERS syntax has no ranges: list the paths" };
  if (/^[A-Za-z]:/.test(pattern) || pattern.startsWith("~") || pattern.startsWith("//"))
    return { message: "is absolute", hint: "write it relative to the repository root; a leading `/` anchors it there" };
  const segments = pattern.replace(/^\//, "").replace(/\/$/, "").split("/");
  if (segments.some((s) => s === ".." || s === "." || s === ""))
    return { message: "has an empty, `.` or `..` segment", hint: "write the normalised path, inside the repository" };
  if (segments.some((s) => s.toLowerCase() === ".git"))
    return { message: "points into `.git/`", hint: "git's own files are no task's" };
  return undefined;
}
