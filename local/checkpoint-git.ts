/**
 * The git half of checkpoints, free of Phasegate policy: which files changed, and a commit of
 * exactly some of them on the checked-out branch. The core decides what to commit; this module
 * still refuses the default branch, ignored files and secret-looking files, so that no caller
 * can get them committed by mistake.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
// Leaf modules of the core, not core/index.js: the local adapters stay loadable on their own
// (child-process tests, fast start) without evaluating the whole core.
import { CommandRefused } from "../core/commands/command-refused.js";
import { looksLikeSecret } from "../core/rules/looks-like-secret.js";
import { confinePath } from "./confine-path.js";
import { withFileLock } from "./file-lock.js";
import { getCurrentBranch, GitError, isGitExit, runGit } from "./git.js";
import { findGitDir } from "./log-witness.js";

export interface ChangedFile {
  /** Repository-relative path. A rename shows as a deletion and an addition. */
  path: string;
  /** The two-letter porcelain v1 status `XY`: index then working tree (`??` untracked, `UU` unmerged). */
  status: string;
}

/**
 * Changed, deleted and untracked files that git does not ignore (each file of an untracked folder;
 * not nested repositories).
 */
export async function listChanges(root: string): Promise<ChangedFile[]> {
  const out = await runGit(root, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames"], {
    // Read-only: do not take index.lock to refresh the index while the user may be running git.
    env: { GIT_OPTIONAL_LOCKS: "0" },
  });
  return (
    out
      .split("\0")
      .filter((entry) => entry.length > 3)
      .map((entry) => ({ status: entry.slice(0, 2), path: entry.slice(3) }))
      // A folder (`sub/`) is a nested repository git will not commit as files: leave it out.
      .filter((change) => !change.path.endsWith("/"))
  );
}

export interface CommitPathsInput {
  /** Must be the branch checked out; a checkpoint never switches branches for the user. */
  branch: string;
  /** The repository's default branch, which never receives checkpoints. */
  defaultBranch: string;
  paths: string[];
  /** Stored verbatim (no comment stripping, no shell). */
  message: string;
  /** Run the repository's hooks (default: none run; see docs/adr/0011-checkpoints-do-not-run-hooks.md). */
  hooks?: boolean;
}

/**
 * Commit exactly `paths` as they are in the working tree (additions, changes, deletions) on the
 * checked-out `branch`; returns the new commit's sha. Whatever else the user has staged stays
 * staged and uncommitted (`git commit --only`). Never forces: git's own ref update refuses if
 * HEAD moved meanwhile. Refuses (CommandRefused) the default branch, another branch, a detached
 * HEAD, ignored paths and secret-looking paths. When git fails (a hook with `hooks: true`, a full
 * disk), the index entries of `paths` are put back as they were: nothing is left staged that was not.
 */
export async function commitPaths(root: string, input: CommitPathsInput): Promise<string> {
  const { branch, defaultBranch } = input;
  if (branch === defaultBranch)
    refuse(`never commits to the default branch (${defaultBranch})`, `run it on the milestone branch`);
  // Without hooks, one git process reads the branch checked out and the commit the plumbing builds on.
  const head = input.hooks === true ? undefined : await readHead(root);
  const current = head ? head.branch : await getCurrentBranch(root);
  if (current !== branch) refuse(`checked out ${current ?? "a detached HEAD"}, not ${branch}`, `git switch ${branch}`);
  const paths = [
    ...new Set(await Promise.all(input.paths.map(async (path) => (await confinePath(root, path)).relative))),
  ];
  if (paths.length === 0) refuse("no files to commit");
  const secrets = paths.filter(looksLikeSecret);
  if (secrets.length > 0) refuse(`refusing files that look like secrets: ${secrets.join(", ")}`);
  const ignored = await ignoredPaths(root, paths);
  if (ignored.length > 0) refuse(`refusing files git ignores: ${ignored.join(", ")}`);

  const pathList = paths.map((path) => `${path}\0`).join("");
  if (head) return commitWithPlumbing(root, { branch, paths, pathList, message: input.message, head });
  const before = await saveIndexEntries(root, pathList);
  const folder = await mkdtemp(join(tmpdir(), "phasegate-commit-"));
  try {
    // Stage exactly these paths: new files added, missing files removed; paths are literal, not pathspecs.
    await runGit(root, ["update-index", "--add", "--remove", "-z", "--stdin"], { input: pathList });
    if (!(await differFromHead(root, paths)))
      refuse(`nothing to commit: ${paths.join(", ")} ${paths.length === 1 ? "matches" : "match"} the last commit`);
    const messageFile = join(folder, "message");
    await writeFile(messageFile, input.message, { mode: 0o600 });
    // No hooks unless asked: runGit turns every hook off (a tracked `.husky/` named by core.hooksPath
    // included); --no-verify as well, in case a git wrapper restores them.
    const only = ["--only", "--pathspec-from-file=-", "--pathspec-file-nul"]; // the paths come on stdin
    const verify = input.hooks === true ? [] : ["--no-verify"];
    await runGit(root, ["commit", "--cleanup=verbatim", ...verify, "-F", messageFile, ...only], {
      input: pathList,
      hooks: input.hooks === true,
    });
  } catch (error) {
    await restoreIndexEntries(root, pathList, before);
    throw error instanceof CommandRefused || !isGitError(error) ? error : commitFailed(error);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return (await runGit(root, ["rev-parse", "--verify", "HEAD"])).trim();
}

/**
 * The commit without hooks, in git's plumbing (ADR 11: no hook runs): a temporary index from HEAD
 * gets exactly `paths` as they are in the working tree, its tree becomes a commit whose parent is
 * HEAD, and the branch moves to it only if it still points at that parent (compare-and-swap, never
 * forced). The user's index then records `paths` as committed, as `git commit --only` leaves it;
 * whatever else was staged stays staged. Six light git processes (after the one that read HEAD)
 * instead of `git commit`'s work (index refresh, status, hooks) and the bookkeeping around it.
 */
async function commitWithPlumbing(
  root: string,
  input: { branch: string; paths: string[]; pathList: string; message: string; head: Head },
): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), "phasegate-commit-"));
  try {
    // runGit turns every hook off (core.hooksPath at the null device) unless --hooks was asked for.
    const git = (args: string[], options: { input?: string; index?: string } = {}) =>
      runGit(root, args, {
        ...(options.input !== undefined && { input: options.input }),
        ...(options.index !== undefined && { env: { GIT_INDEX_FILE: options.index } }),
      }).then((out) => out.trim());
    const ref = `refs/heads/${input.branch}`;
    const { parent, parentTree } = input.head;
    const index = join(folder, "index");
    if (parent) await git(["read-tree", parent], { index });
    await git(["update-index", "--add", "--remove", "-z", "--stdin"], { input: input.pathList, index });
    const tree = await git(["write-tree"], { index });
    if (tree === parentTree) {
      const paths = input.paths;
      refuse(`nothing to commit: ${paths.join(", ")} ${paths.length === 1 ? "matches" : "match"} the last commit`);
    }
    const messageFile = join(folder, "message");
    await writeFile(messageFile, input.message, { mode: 0o600 });
    const commit = await git(["commit-tree", tree, ...(parent ? ["-p", parent] : []), "-F", messageFile]);
    const subject = input.message.split("\n")[0] ?? "";
    // The old value makes the update conditional: it fails if the branch moved since HEAD was read.
    await git(["update-ref", "-m", `commit: ${subject}`, ref, commit, parent ?? "0".repeat(commit.length)]);
    await git(["update-index", "--add", "--remove", "-z", "--stdin"], { input: input.pathList });
    return commit;
  } catch (error) {
    throw error instanceof CommandRefused || !isGitError(error) ? error : commitFailed(error);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

interface Head {
  /** The branch checked out (undefined: a detached HEAD). */
  branch: string | undefined;
  /** HEAD's commit and tree; undefined before the first commit. */
  parent?: string;
  parentTree?: string;
}

/** The branch checked out and HEAD's commit and tree, in one git process (two before the first commit). */
async function readHead(root: string): Promise<Head> {
  try {
    const out = await runGit(root, ["rev-parse", "HEAD^{commit}", "HEAD^{tree}", "--symbolic-full-name", "HEAD"]);
    const [parent, parentTree, name = ""] = out.trim().split("\n");
    const branch = name.startsWith("refs/heads/") ? name.slice("refs/heads/".length) : undefined;
    return { branch, ...(parent && parentTree && { parent, parentTree }) };
  } catch (error) {
    if (!isGitExit(error, 128)) throw error;
    return { branch: await getCurrentBranch(root) }; // no commit yet
  }
}

/** The index entries of `paths` (`<mode> <oid> <stage>\t<path>` lines, NUL-separated) before we stage them. */
async function saveIndexEntries(root: string, pathList: string): Promise<string> {
  const wanted = new Set(pathList.split("\0"));
  const entries = (await runGit(root, ["ls-files", "--stage", "-z"])).split("\0");
  return entries
    .filter((entry) => entry !== "" && wanted.has(entry.slice(entry.indexOf("\t") + 1)))
    .map((entry) => `${entry}\0`)
    .join("");
}

/** Put the index entries of `paths` back: those that were there as they were, the others removed. */
async function restoreIndexEntries(root: string, pathList: string, before: string): Promise<void> {
  await runGit(root, ["update-index", "--force-remove", "-z", "--stdin"], { input: pathList });
  if (before !== "") await runGit(root, ["update-index", "-z", "--index-info"], { input: before });
}

function isGitError(error: unknown): error is GitError {
  return error instanceof GitError;
}

/** git's own words (a hook's output, a full disk) as a refusal; the index is already restored. */
function commitFailed(error: GitError): CommandRefused {
  const said = error.stderr.trim().split("\n").slice(-5).join("\n  ");
  return new CommandRefused(
    "checkpoint",
    `git commit failed (nothing was left staged): ${said || `exit ${error.code}`}`,
  );
}

/** Whether any of `paths` is staged differently from HEAD (always true before the first commit). */
async function differFromHead(root: string, paths: string[]): Promise<boolean> {
  try {
    const staged = new Set((await runGit(root, ["diff-index", "--cached", "--name-only", "-z", "HEAD"])).split("\0"));
    return paths.some((path) => staged.has(path));
  } catch (error) {
    if (isGitExit(error, 128)) return true; // no HEAD yet: everything is new
    throw error;
  }
}

/** The paths git ignores (tracked files never are). check-ignore reads plain paths, not pathspecs. */
async function ignoredPaths(root: string, paths: string[]): Promise<string[]> {
  try {
    const input = paths.map((path) => `${path}\0`).join("");
    const out = await runGit(root, ["check-ignore", "-z", "--stdin"], { input, literalPathspecs: false });
    return out.split("\0").filter((path) => path !== "");
  } catch (error) {
    if (isGitExit(error, 1)) return []; // none ignored
    throw error;
  }
}

function refuse(reason: string, whoCan?: string): never {
  throw new CommandRefused("checkpoint", reason, whoCan);
}

/**
 * Run `fn` holding `<git dir>/phasegate-checkpoint.phasegate-lock`: parallel checkpoints of one
 * working tree take turns instead of racing for git's index.lock. A turn includes git's commit and
 * the secret scan, so the wait is long; a lock left by a dead process is taken over (file-lock.ts).
 */
export async function withCheckpointLock<T>(root: string, fn: () => Promise<T>): Promise<T> {
  const gitDir = await findGitDir(root);
  const options = { lockTimeoutMs: 120_000, staleLockMs: 120_000 };
  return withFileLock(join(gitDir, "phasegate-checkpoint"), "the checkpoint lock", options, fn);
}
