import { isGitExit, runGit } from "./git.js";
import { isPlainRef } from "./ref-files.js";

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
 * What findDefaultBranch asks of a ref: whether it exists (and, for a symbolic ref, what it names);
 * undefined when this source cannot tell, and git's own listing is read instead.
 */
export type RefProbe = (ref: string) => Promise<{ exists: boolean; symref?: string } | undefined>;

/**
 * The default branch of the repository at `root`, known for certain, in this order:
 * 1. `git config phasegate.defaultBranch`: a branch name (not `HEAD`, a commit, a `refs/…` path or a
 *    revision expression such as `main~0`), which must exist where plans are read from;
 * 2. the remote's HEAD (`refs/remotes/origin/HEAD`, set by `git clone`);
 * 3. `git config init.defaultBranch`, when that branch exists;
 * 4. `main`, then `master`, when it exists.
 * With an `origin` remote only its branches count (a stray local `main` is not guessed). Never the
 * branch that happens to be checked out: that could be the milestone branch, whose plan must not
 * decide anything. When none applies, the error says how to set it. `probe` answers from somewhere
 * cheaper than `git for-each-ref` (ref files, ADR 37); when it cannot tell, or the answer is an error,
 * git's listing decides, so the result is always the listing's.
 */
export async function findDefaultBranch(
  root: string,
  /** The repository's settings (they must include DEFAULT_BRANCH_SETTINGS). */
  known: Promise<Map<string, string>>,
  probe: RefProbe,
): Promise<DefaultBranch> {
  const settings = await known;
  const fast = await decide(root, settings, probe).catch(() => undefined);
  if (fast) return fast;
  const names = await listRefs(root);
  const decided = await decide(root, settings, async (ref) => ({
    exists: names.has(ref),
    ...(names.get(ref) && { symref: names.get(ref) }),
  }));
  if (!decided) throw new Error("the default branch's refs changed while they were read");
  return decided;
}

/** `git for-each-ref` of the branches and origin's: each ref with the ref it names when symbolic. */
async function listRefs(root: string): Promise<Map<string, string>> {
  const refs = await runGit(root, [
    "for-each-ref",
    "--format=%(refname) %(symref)",
    "refs/heads",
    "refs/remotes/origin",
  ]);
  return new Map(
    refs
      .split("\n")
      .filter(Boolean)
      .map((line) => line.split(" ") as [string, string]),
  );
}

/** findDefaultBranch's order over `probe`'s answers; undefined as soon as one is unknown. */
async function decide(
  root: string,
  settings: Map<string, string>,
  probe: RefProbe,
): Promise<DefaultBranch | undefined> {
  const remote = settings.has("remote.origin.url");
  const refOf = (name: string) => (remote ? `refs/remotes/origin/${name}` : `refs/heads/${name}`);
  const configured = settings.get("phasegate.defaultbranch");
  if (configured !== undefined) {
    await assertBranchName(root, configured);
    const found = await probe(refOf(configured));
    if (!found) return undefined;
    if (!found.exists)
      throw new Error(
        `git config phasegate.defaultBranch names ${configured}, but ${refOf(configured)} does not exist` +
          (remote ? ` (plans are read from the remote's branch: git fetch origin, or push ${configured})` : ""),
      );
    return { name: configured, ref: refOf(configured) };
  }
  const head = await probe("refs/remotes/origin/HEAD");
  if (!head) return undefined;
  const remoteHead = head.exists ? head.symref : undefined;
  if (remoteHead?.startsWith("refs/remotes/origin/")) {
    const name = remoteHead.slice("refs/remotes/origin/".length);
    return { name, ref: remoteHead };
  }
  const init = settings.get("init.defaultbranch");
  for (const candidate of [init, "main", "master"]) {
    if (!candidate) continue;
    const found = await probe(refOf(candidate));
    if (!found) return undefined;
    if (found.exists) return { name: candidate, ref: refOf(candidate) };
  }
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
        : isPlainRef(`refs/heads/${name}`) || (await isValidRef(root, `refs/heads/${name}`))
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
