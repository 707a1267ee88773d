/**
 * Whether a commit is in the history of another (WorkTree.reaches, ADR 39): a checkpoint's
 * `auto_commit` names a commit that should be in the history of the commit its log was read at.
 * Asked on every checkpoint, so the common answers cost no git process: the commit is that one or
 * its parent (the log's commit sits on the checkpoint's commit), read from their loose objects (a
 * checkpoint made here leaves them loose), else through the repository's cat-file session. Anything else asks `git merge-base --is-ancestor` once; only a commit off that
 * history asks whether a rebase copied it, then whether the clone is shallow.
 */
// A leaf module of the core (its type only): the local adapters stay loadable on their own.
import type { CommitReach } from "../core/rules/lost-checkpoint.js";
import type { GitObject } from "./cat-file-session.js";
import { isAncestor, isObjectId, runGit } from "./git.js";

export async function commitReach(
  root: string,
  commit: string,
  head: string,
  lookup: (names: string[]) => Promise<Array<GitObject | undefined>>,
  made?: string,
): Promise<CommitReach> {
  if (!isObjectId(commit) || !isObjectId(head)) return "cannot-tell";
  const [tip, object] = await lookup([head, commit]);
  if (tip?.type !== "commit") return "cannot-tell"; // git does not have the commit the log was read at
  if (tip.oid === commit || parentsOf(tip).includes(commit)) return "reached";
  if (object?.type !== "commit") {
    // Never fetched here (a rebase in another clone copied it) or collected: a commit since it was made that names it.
    if (made !== undefined && (await namedAfter(root, commit, tip.oid, made))) return "rewritten";
    return (await isShallow(root)) ? "cannot-tell" : "missing";
  }
  if (await isAncestor(root, commit, tip.oid)) return "reached";
  if (await copiedSince(root, object, tip.oid, lookup)) return "rewritten";
  // A shallow clone may hold the commit without the history that leads from `head` to it.
  return (await isShallow(root)) ? "cannot-tell" : "off-branch";
}

/**
 * Whether a rebase (`git pull --rebase`) copied `commit` into `head`'s history: a commit there that
 * `commit`'s history lacks names it by its first 12 digits (a checkpoint's log commit, `event log of
 * <id>`), and its parent has `commit`'s author, date and message. Walks only the commits since the two
 * histories parted.
 */
async function copiedSince(
  root: string,
  commit: GitObject,
  head: string,
  lookup: (names: string[]) => Promise<Array<GitObject | undefined>>,
): Promise<boolean> {
  const grep = `--grep=${commit.oid.slice(0, 12)}`;
  const named = (
    await runGit(root, ["log", "--format=%H", "-F", grep, "-n", "1", head, `^${commit.oid}`, "--"])
  ).trim();
  if (named === "") return false;
  const [parent] = await lookup([`${named}^`]);
  return parent?.type === "commit" && authored(parent) === authored(commit);
}

/**
 * Whether a commit of `head`'s history committed since a day before `made` names `commit` by its
 * first 12 digits (git stops walking at older commits).
 */
async function namedAfter(root: string, commit: string, head: string, made: string): Promise<boolean> {
  const since = new Date(Date.parse(made) - 86_400_000);
  if (Number.isNaN(since.getTime())) return false;
  const args = [
    "log",
    "--format=%H",
    "-F",
    `--grep=${commit.slice(0, 12)}`,
    "-n",
    "1",
    `--since=${since.toISOString()}`,
  ];
  return (await runGit(root, [...args, head, "--"])).trim() !== "";
}

/** A commit's author line and message: what a rebase keeps. */
function authored(commit: GitObject): string {
  const text = commit.content.toString("latin1");
  const body = text.indexOf("\n\n");
  const author =
    text
      .slice(0, Math.max(0, body))
      .split("\n")
      .find((line) => line.startsWith("author ")) ?? "";
  return `${author}\n${text.slice(body)}`;
}

/** The `parent <id>` lines of a commit object's header. */
function parentsOf(commit: GitObject): string[] {
  const text = commit.content.toString("latin1");
  const header = text.slice(0, Math.max(0, text.indexOf("\n\n")));
  return header
    .split("\n")
    .filter((line) => line.startsWith("parent "))
    .map((line) => line.slice("parent ".length));
}

async function isShallow(root: string): Promise<boolean> {
  return (await runGit(root, ["rev-parse", "--is-shallow-repository"])).trim() === "true";
}
