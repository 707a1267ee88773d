import { runGit } from "./git.js";

/**
 * The values of the git settings whose names match `pattern` (a regular expression over git's
 * canonical names: section and key lower-cased), each exactly as set (only the separator removed:
 * `" main"` is not `main`), from one `git config` process. Names come back lower-cased; a setting
 * given twice keeps its last value, as git reads it; an empty value counts as unset. A repository
 * whose config cannot be read gives an empty map.
 */
export async function readGitConfig(root: string, pattern: string): Promise<Map<string, string>> {
  const out = await runGit(root, ["config", "-z", "--get-regexp", pattern]).catch(() => "");
  const values = new Map<string, string>();
  // Entries are `<name>\n<value>`, NUL-separated; a name alone (no line break) is a key without a value.
  for (const entry of out.split("\0")) {
    const at = entry.indexOf("\n");
    if (at > 0 && entry.length > at + 1) values.set(entry.slice(0, at), entry.slice(at + 1));
  }
  return values;
}
