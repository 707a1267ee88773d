import { isGitExit, runGit } from "./git.js";
import { GitConfigMemo } from "./git-config-memo.js";

/** Include directives, asked for with every pattern: where there are any, git's answer is not remembered. */
const INCLUDES = String.raw`^include(if)?\.`;
const INCLUDE = new RegExp(INCLUDES);

/**
 * The values of the git settings whose names match `pattern` (a regular expression over git's
 * canonical names: section and key lower-cased), each exactly as set (only the separator removed:
 * `" main"` is not `main`), from one `git config` process, or from what it said before while nothing
 * it reads has changed (GitConfigMemo, ADR 40). Names come back lower-cased; a setting given twice
 * keeps its last value, as git reads it; an empty value counts as unset; include directives
 * (`include.path`, `includeIf.*.path`) are not settings and never come back. A repository whose config
 * cannot be read gives an empty map.
 */
export async function readGitConfig(root: string, pattern: string): Promise<Map<string, string>> {
  const memo = await GitConfigMemo.open(root).catch(() => undefined);
  const known = memo?.recall(pattern);
  if (known) return known;
  const args = ["config", "-z", "--show-origin", "--get-regexp", `(${pattern})|${INCLUDES}`];
  // Exit 1: no setting matches, an answer like any other.
  const out = await runGit(root, args).catch((error: unknown) => (isGitExit(error, 1) ? "" : undefined));
  const answer = out === undefined ? undefined : parseAnswer(out, (origin) => memo?.watches(root, origin) === true);
  await memo?.learn(pattern, answer?.remember ? answer.values : undefined).catch(() => undefined);
  return answer?.values ?? new Map();
}

/**
 * `git config -z --show-origin` output: entries `<origin>\0<name>\n<value>\0` (a name alone, without a
 * line break, is a key without a value). `remember`: no include directive, every origin watched.
 */
function parseAnswer(out: string, watched: (origin: string) => boolean) {
  const values = new Map<string, string>();
  let remember = true;
  const parts = out.split("\0");
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const [origin = "", entry = ""] = [parts[i], parts[i + 1]];
    const at = entry.indexOf("\n");
    const name = at < 0 ? entry : entry.slice(0, at);
    const include = INCLUDE.test(name);
    if (include || !watched(origin)) remember = false;
    if (!include && at > 0 && entry.length > at + 1) values.set(name, entry.slice(at + 1));
  }
  return { values, remember };
}
