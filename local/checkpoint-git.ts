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
import type { CommitFollowUp } from "../core/ports.js";
import { looksLikeSecret } from "../core/rules/looks-like-secret.js";
import { confinePath } from "./confine-path.js";
import { withFileLock } from "./file-lock.js";
import { getCurrentBranch, GitError, isAncestor, isGitExit, runGit } from "./git.js";
import { findGitDir } from "./log-witness.js";

export interface ChangedFile {
  /** Repository-relative path. A rename shows as a deletion and an addition. */
  path: string;
  /** The two-letter porcelain v1 status `XY`: index then working tree (`??` untracked, `UU` unmerged). */
  status: string;
}

/** HEAD as `git status` saw it: the branch (undefined when detached) and its commit (undefined before the first). */
export interface StatusHead {
  branch: string | undefined;
  commit: string | undefined;
}

/**
 * Changed, deleted and untracked files that git does not ignore (each file of an untracked folder;
 * not nested repositories).
 */
export async function listChanges(root: string): Promise<ChangedFile[]> {
  return (await readChanges(root)).changes;
}

/**
 * listChanges, and HEAD as the same `git status` saw it (porcelain v2's branch headers): a checkpoint
 * needs both, and reading HEAD again was one more git process.
 */
export async function readChanges(root: string): Promise<{ changes: ChangedFile[]; head: StatusHead }> {
  const args = ["status", "--porcelain=v2", "--branch", "-z", "--untracked-files=all", "--no-renames"];
  // Read-only: do not take index.lock to refresh the index while the user may be running git.
  const out = await runGit(root, args, { env: { GIT_OPTIONAL_LOCKS: "0" } });
  const changes: ChangedFile[] = [];
  const head: StatusHead = { branch: undefined, commit: undefined };
  for (const entry of out.split("\0")) {
    if (entry.startsWith("# branch.oid ")) {
      const oid = entry.slice("# branch.oid ".length);
      head.commit = oid === "(initial)" ? undefined : oid;
    } else if (entry.startsWith("# branch.head ")) {
      const name = entry.slice("# branch.head ".length);
      head.branch = name === "(detached)" ? undefined : name;
    } else {
      const change = parseEntry(entry);
      // A folder (`sub/`) is a nested repository git will not commit as files: leave it out.
      if (change && !change.path.endsWith("/")) changes.push(change);
    }
  }
  return { changes, head };
}

/**
 * One porcelain v2 entry: `1 XY sub mH mI mW hH hI path` (changed), `u XY sub m1 m2 m3 mW h1 h2 h3
 * path` (unmerged), `? path` (untracked). `XY` is given as v1 writes it (` ` for unchanged, not `.`).
 */
function parseEntry(entry: string): ChangedFile | undefined {
  if (entry.startsWith("? ")) return { status: "??", path: entry.slice(2) };
  const fields = entry.startsWith("1 ") ? 8 : entry.startsWith("u ") ? 10 : 0;
  if (fields === 0) return undefined;
  let at = 0;
  for (let i = 0; i < fields && at >= 0; i++) at = entry.indexOf(" ", at + 1);
  if (at < 0) return undefined;
  return { status: entry.slice(2, 4).replaceAll(".", " "), path: entry.slice(at + 1) };
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
  /**
   * Once the commit of `paths` exists, `record(commit)` writes what describes it (the event log) and
   * returns the paths it wrote; they go in a second commit on top, without hooks, and the branch
   * moves once, to that one. Returned is still the commit of `paths`.
   */
  then?: CommitFollowUp;
  /**
   * HEAD as read just before under the checkpoint lock (readChanges), with its commit's tree when
   * known: not read again. The branch still moves only if it is at that commit (compare-and-swap).
   */
  head?: StatusHead & { tree?: string };
  /**
   * The paths are known not to be ignored: each was listed by the `git status` that gave `head`,
   * which lists no ignored file. The check git would otherwise make is left out.
   */
  unignored?: boolean;
  /** A temporary index read from `head`'s commit while the files were screened (prepareIndex); used when it is of that commit. */
  prepared?: PreparedIndex;
}

/** A temporary index holding a commit's tree, read in the background (see prepareIndex). */
export interface PreparedIndex {
  commit: string;
  /** The index file; undefined when reading the tree failed (the commit then reads it again). */
  index: Promise<string | undefined>;
  /** Remove the index (and its folder); safe to call more than once. */
  dispose(): Promise<void>;
}

/**
 * Start reading `commit`'s tree into a temporary index now: a checkpoint's plumbing commit starts
 * from it, and the read runs in its own process while the changes are checked for secrets.
 */
export function prepareIndex(commit: string, root: string): PreparedIndex {
  const folder = mkdtemp(join(tmpdir(), "phasegate-commit-"));
  const index = folder.then(async (dir) => {
    const file = join(dir, "index");
    await runGit(root, ["read-tree", commit], { env: { GIT_INDEX_FILE: file } });
    return file;
  });
  index.catch(() => undefined); // a failure is seen by whoever uses it
  const dispose = async () => {
    await index.catch(() => undefined);
    const dir = await folder.catch(() => undefined);
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  };
  return { commit, index: index.catch(() => undefined), dispose };
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
  const plumbing = input.hooks !== true;
  // Without hooks, the branch, its commit and its tree in one git process (or none, when given).
  const head: StatusHead & { tree?: string } =
    input.head ?? (plumbing ? await readHead(root) : { branch: await getCurrentBranch(root), commit: undefined });
  const current = head.branch;
  if (current !== branch) refuse(`checked out ${current ?? "a detached HEAD"}, not ${branch}`, `git switch ${branch}`);
  const paths = await confinedPaths(root, input.paths);
  if (paths.length === 0) refuse("no files to commit");
  const secrets = paths.filter(looksLikeSecret);
  if (secrets.length > 0) refuse(`refusing files that look like secrets: ${secrets.join(", ")}`);
  const pathList = paths.map((path) => `${path}\0`).join("");
  const then = input.then;
  if (plumbing) {
    const parent = head.commit === undefined ? undefined : { commit: head.commit, tree: head.tree };
    const message = input.message;
    const checkIgnored = input.unignored !== true;
    const prepared = input.prepared?.commit === parent?.commit ? input.prepared : undefined;
    return commitWithPlumbing(root, {
      ...{ branch, paths, pathList, message, parent, checkIgnored },
      ...(then && { then }),
      ...(prepared && { prepared }),
    });
  }
  const ignored = await ignoredPaths(root, paths);
  if (ignored.length > 0) refuse(`refusing files git ignores: ${ignored.join(", ")}`);
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
  const commit = (await runGit(root, ["rev-parse", "--verify", "HEAD"])).trim();
  if (then) {
    const recorded = await confinedPaths(root, await then.record(commit));
    const list = recorded.map((path) => `${path}\0`).join("");
    const message = then.message(commit);
    await commitWithPlumbing(root, { branch, paths: recorded, pathList: list, message, parent: { commit } });
  }
  return commit;
}

async function confinedPaths(root: string, paths: string[]): Promise<string[]> {
  return [...new Set(await Promise.all(paths.map(async (path) => (await confinePath(root, path)).relative)))];
}

/**
 * The commit without hooks, in git's plumbing (ADR 11: no hook runs): a temporary index from the
 * parent gets exactly `paths` as they are in the working tree, its tree becomes a commit whose parent
 * is the parent, and the branch moves to it only if it still points at that parent (compare-and-swap,
 * never forced). The user's index then records `paths` as committed, as `git commit --only` leaves it;
 * whatever else was staged stays staged. The check that no path is ignored runs beside the temporary
 * index's reading; messages go on stdin. Light git processes instead of `git commit`'s work (index
 * refresh, status, hooks) and the bookkeeping around it.
 */
async function commitWithPlumbing(
  root: string,
  input: {
    branch: string;
    paths: string[];
    pathList: string;
    message: string;
    /** The commit the branch is at, and its tree when known; undefined before the first commit. */
    parent: { commit: string; tree?: string | undefined } | undefined;
    /** Refuse paths git ignores (checked beside the temporary index's reading). */
    checkIgnored?: boolean;
    then?: CommitPathsInput["then"];
    /** The parent's tree in a temporary index already (read while the files were screened). */
    prepared?: PreparedIndex;
  },
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
    const parent = input.parent?.commit;
    const ready = await input.prepared?.index;
    const index = ready ?? join(folder, "index");
    const [ignored, parentTree] = await Promise.all([
      input.checkIgnored === true ? ignoredPaths(root, input.paths) : [],
      parent === undefined || ready !== undefined
        ? input.parent?.tree
        : git(["read-tree", parent], { index }).then(() => input.parent?.tree),
    ]);
    if (ignored.length > 0) refuse(`refusing files git ignores: ${ignored.join(", ")}`);
    await git(["update-index", "--add", "--remove", "-z", "--stdin"], { input: input.pathList, index });
    const tree = await git(["write-tree"], { index });
    // The parent's tree, when not given: the parent commit's first line (`tree <id>`).
    if (tree === (parentTree ?? (parent && (await treeOf(root, parent))))) {
      const paths = input.paths;
      refuse(`nothing to commit: ${paths.join(", ")} ${paths.length === 1 ? "matches" : "match"} the last commit`);
    }
    const parents = parent === undefined ? [] : ["-p", parent];
    const commit = await git(["commit-tree", tree, ...parents], { input: input.message });
    let [tip, subject, pathList] = [commit, input.message.split("\n")[0] ?? "", input.pathList];
    if (input.then) {
      // What describes the commit, in a commit on top of it: the branch moves once, to that one.
      const recorded = await confinedPaths(root, await input.then.record(commit));
      const list = recorded.map((path) => `${path}\0`).join("");
      await git(["update-index", "--add", "--remove", "-z", "--stdin"], { input: list, index });
      const next = await git(["write-tree"], { index });
      const message = input.then.message(commit);
      if (next !== tree) tip = await git(["commit-tree", next, "-p", commit], { input: message });
      [subject, pathList] = [message.split("\n")[0] ?? "", pathList + list];
    }
    // The old value makes the update conditional: it fails if the branch moved since HEAD was read.
    const update = ["update-ref", "-m", `commit: ${subject}`, ref, tip, parent ?? "0".repeat(commit.length)];
    await git(update).catch(async (error: unknown) => {
      // What `then` recorded names a commit the branch did not take: it must say so (ADR 34).
      if (input.then && isGitError(error) && !(await isAncestor(root, commit, ref, { unknownIsNo: true }))) {
        throw await reportLost(input.then, commit, ref, error);
      }
      throw error;
    });
    await git(["update-index", "--add", "--remove", "-z", "--stdin"], { input: pathList });
    return commit;
  } catch (error) {
    throw error instanceof CommandRefused || !isGitError(error) ? error : commitFailed(error);
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/**
 * The refusal for a recorded commit the branch did not take, once `then.lost` has corrected the
 * record; the index is untouched (only the temporary one was written).
 */
async function reportLost(then: CommitFollowUp, commit: string, ref: string, error: GitError): Promise<CommandRefused> {
  const said = error.stderr.trim().split("\n").slice(-3).join(" ") || `exit ${error.code}`;
  const corrected = await then.lost?.(commit, said).then(
    () => "the log records that it did not",
    (failure: unknown) =>
      `recording that it did not failed too: ${failure instanceof Error ? failure.message : String(failure)}`,
  );
  return new CommandRefused(
    "checkpoint",
    `${ref.slice("refs/heads/".length)} moved while the checkpoint ran, so its commit ${commit.slice(0, 12)} did not reach it (${said}); ${corrected ?? "nothing records it"}; nothing was staged`,
    { code: "branch-moved", whoCan: "run the checkpoint again: it commits on top of the branch as it is now" },
  );
}

/** HEAD's branch (undefined: detached), commit and tree in one git process; no commit before the first. */
async function readHead(root: string): Promise<StatusHead & { tree?: string }> {
  try {
    const out = await runGit(root, ["rev-parse", "HEAD^{commit}", "HEAD^{tree}", "--symbolic-full-name", "HEAD"]);
    const [commit, tree, name = ""] = out.split("\n");
    const branch = name.startsWith("refs/heads/") ? name.slice("refs/heads/".length) : undefined;
    return { branch, commit, ...(tree !== undefined && { tree }) };
  } catch (error) {
    if (!isGitExit(error, 128)) throw error;
    return { branch: await getCurrentBranch(root), commit: undefined }; // no commit yet (or no HEAD at all)
  }
}

/** The tree of `commit`. */
async function treeOf(root: string, commit: string): Promise<string> {
  return (await runGit(root, ["rev-parse", "--verify", "--end-of-options", `${commit}^{tree}`])).trim();
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
