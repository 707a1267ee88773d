import { isGitExit, runGit } from "./git.js";
import { readGitConfig } from "./read-git-config.js";

/** The settings findDefaultBranch reads, as a `git config --get-regexp` alternation. */
export const DEFAULT_BRANCH_SETTINGS = "remote\\.origin\\.url|phasegate\\.defaultbranch|init\\.defaultbranch";

/** The default branch: its name, and the one ref plans are read from. */
export interface DefaultBranch {
  name: string;
  /**
   * `refs/remotes/origin/<name>` when the repository has an `origin` remote (what was pushed and
   * reviewed decides, not a local branch that may hold unpushed commits), else `refs/heads/<name>`.
   */
  ref: string;
}

/**
 * The default branch of the repository at `root`, known for certain, in this order:
 * 1. `git config phasegate.defaultBranch`: a branch name (not `HEAD`, a commit, a `refs/…` path or a
 *    revision expression such as `main~0`), which must exist where plans are read from;
 * 2. the remote's HEAD (`refs/remotes/origin/HEAD`, set by `git clone`);
 * 3. `git config init.defaultBranch`, when that branch exists;
 * 4. `main`, then `master`, when it exists.
 * With an `origin` remote only its branches count (a stray local `main` is not guessed). Never the
 * branch that happens to be checked out: that could be the milestone branch, whose plan must not
 * decide anything. When none applies, the error says how to set it.
 */
export async function findDefaultBranch(
  root: string,
  /** The repository's settings when already read (they must include DEFAULT_BRANCH_SETTINGS). */
  known?: Promise<Map<string, string>>,
): Promise<DefaultBranch> {
  // The two git processes do not depend on each other: they run side by side.
  const [settings, refs] = await Promise.all([
    known ?? configs(root),
    runGit(root, ["for-each-ref", "--format=%(refname) %(symref)", "refs/heads", "refs/remotes/origin"]),
  ]);
  const remote = settings.has("remote.origin.url");
  const refOf = (name: string) => (remote ? `refs/remotes/origin/${name}` : `refs/heads/${name}`);
  const names = new Map(
    refs
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]),
  );
  const configured = settings.get("phasegate.defaultbranch");
  if (configured !== undefined) {
    await assertBranchName(root, configured);
    if (!names.has(refOf(configured)))
      throw new Error(
        `git config phasegate.defaultBranch names ${configured}, but ${refOf(configured)} does not exist` +
          (remote ? ` (plans are read from the remote's branch: git fetch origin, or push ${configured})` : ""),
      );
    return { name: configured, ref: refOf(configured) };
  }
  const remoteHead = names.get("refs/remotes/origin/HEAD");
  if (remoteHead?.startsWith("refs/remotes/origin/")) {
    const name = remoteHead.slice("refs/remotes/origin/".length);
    return { name, ref: remoteHead };
  }
  const init = settings.get("init.defaultbranch");
  for (const candidate of [init, "main", "master"])
    if (candidate && names.has(refOf(candidate))) return { name: candidate, ref: refOf(candidate) };
  throw new Error(
    `cannot tell this repository's default branch (no origin/HEAD, no main or master${remote ? " on origin" : ""}, ` +
      "init.defaultBranch names no branch here): plans are read from it, so set it with " +
      "`git config phasegate.defaultBranch <branch>`",
  );
}

/** A plain branch name: what `refs/heads/<name>` accepts, and no name git reads as something else. */
async function assertBranchName(root: string, name: string): Promise<void> {
  const problem =
    name === "" || name.startsWith("-")
      ? "is not a branch name"
      : /^(@|[A-Z_]*HEAD)$/.test(name) || name.startsWith("refs/")
        ? "names a ref, not a branch"
        : (await isValidRef(root, `refs/heads/${name}`))
          ? undefined
          : "is not a branch name (no revision expressions such as ~, ^, @{ or :)";
  if (problem)
    throw new Error(
      `git config phasegate.defaultBranch is ${JSON.stringify(name)}, which ${problem}: set it to the ` +
        "default branch's name, e.g. `git config phasegate.defaultBranch main`",
    );
}

async function isValidRef(root: string, ref: string): Promise<boolean> {
  try {
    await runGit(root, ["check-ref-format", ref]);
    return true;
  } catch (error) {
    if (isGitExit(error, 1)) return false;
    throw error;
  }
}

/** The three settings that decide, in one git process (see readGitConfig). */
function configs(root: string): Promise<Map<string, string>> {
  return readGitConfig(root, `^(${DEFAULT_BRANCH_SETTINGS})$`);
}
