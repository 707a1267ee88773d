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
import { getCurrentBranch, isGitExit, runGit } from "./git.js";

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
}

/**
 * Commit exactly `paths` as they are in the working tree (additions, changes, deletions) on the
 * checked-out `branch`; returns the new commit's sha. Whatever else the user has staged stays
 * staged and uncommitted (`git commit --only`). Never forces: git's own ref update refuses if
 * HEAD moved meanwhile. Refuses (CommandRefused) the default branch, another branch, a detached
 * HEAD, ignored paths and secret-looking paths.
 */
export async function commitPaths(root: string, input: CommitPathsInput): Promise<string> {
  const { branch, defaultBranch } = input;
  if (branch === defaultBranch)
    refuse(`never commits to the default branch (${defaultBranch})`, `run it on the milestone branch`);
  const current = await getCurrentBranch(root);
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
  // Stage exactly these paths: new files added, missing files removed; paths are literal, not pathspecs.
  await runGit(root, ["update-index", "--add", "--remove", "-z", "--stdin"], { input: pathList });
  if (!(await differFromHead(root, paths)))
    refuse(`nothing to commit: ${paths.join(", ")} ${paths.length === 1 ? "matches" : "match"} the last commit`);
  const folder = await mkdtemp(join(tmpdir(), "phasegate-commit-"));
  try {
    const messageFile = join(folder, "message");
    await writeFile(messageFile, input.message, { mode: 0o600 });
    const only = ["--only", "--pathspec-from-file=-", "--pathspec-file-nul"]; // the paths come on stdin
    await runGit(root, ["commit", "--cleanup=verbatim", "-F", messageFile, ...only], { input: pathList });
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return (await runGit(root, ["rev-parse", "--verify", "HEAD"])).trim();
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
