import { runGit } from "./git.js";

/**
 * The default branch of the repository at `root`, known for certain, in this order:
 * 1. `git config phasegate.defaultBranch` (a setting, for repositories where nothing else tells);
 * 2. the remote's HEAD (`refs/remotes/origin/HEAD`, set by `git clone`);
 * 3. `git config init.defaultBranch`, when that branch exists;
 * 4. `main`, then `master`, when it exists (locally or on origin).
 * Never the branch that happens to be checked out: that could be the milestone branch, whose plan
 * must not decide anything. When none applies, the error says how to set it.
 */
export async function findDefaultBranch(root: string): Promise<string> {
  const settings = await configs(root);
  const configured = settings.get("phasegate.defaultbranch");
  if (configured) return configured;
  const refs = await runGit(root, [
    "for-each-ref",
    "--format=%(refname) %(symref)",
    "refs/heads",
    "refs/remotes/origin",
  ]);
  const names = new Map(
    refs
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]),
  );
  const remoteHead = names.get("refs/remotes/origin/HEAD");
  if (remoteHead?.startsWith("refs/remotes/origin/")) return remoteHead.slice("refs/remotes/origin/".length);
  const exists = (branch: string) => names.has(`refs/heads/${branch}`) || names.has(`refs/remotes/origin/${branch}`);
  const init = settings.get("init.defaultbranch");
  for (const candidate of [init, "main", "master"]) if (candidate && exists(candidate)) return candidate;
  throw new Error(
    "cannot tell this repository's default branch (no origin/HEAD, no main or master, init.defaultBranch " +
      "names no branch here): plans are read from it, so set it with `git config phasegate.defaultBranch <branch>`",
  );
}

/** Both settings in one git run (`--get-regexp` prints lowercased keys; the last value of a key wins). */
async function configs(root: string): Promise<Map<string, string>> {
  const out = await runGit(root, [
    "config",
    "-z",
    "--get-regexp",
    "^(phasegate\\.defaultbranch|init\\.defaultbranch)$",
  ]).catch(() => "");
  const values = new Map<string, string>();
  for (const entry of out.split("\0")) {
    const [key = "", value = ""] = entry.split("\n");
    if (value.trim() !== "") values.set(key, value.trim());
  }
  return values;
}
