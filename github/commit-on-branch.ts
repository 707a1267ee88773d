import type { StepWrite, WriteResult } from "../core/index.js";
import { blobId } from "./blob-store.js";
import { GitHubError } from "./github-error.js";
import { GitHubSnapshot, type GitContext } from "./github-snapshot.js";
import { GitTree, type TreeFile } from "./git-tree.js";
import { dirOf, readPaths, type PathFile, type PathRead } from "./read-paths.js";

const MUTATION =
  "mutation ($input: CreateCommitOnBranchInput!) { createCommitOnBranch(input: $input) { commit { oid tree { oid } } } }";

type Landed = { createCommitOnBranch: { commit: { oid: string; tree: { oid: string } } | null } | null };
/** What `recover` answers when the branch moved to a commit that is not ours. */
const CONFLICT: Landed = { createCommitOnBranch: null };

/**
 * One step as ONE request: GraphQL's `createCommitOnBranch` with `expectedHeadOid`, GitHub's own
 * compare-and-swap (a branch that moved is refused, so two writers from one base cannot both win).
 * A lost response or a refusal is settled by reading the head: still the base → send again (safe:
 * the base is expected); a commit on the base with exactly our files → ours, it landed; anything else →
 * conflict. https://docs.github.com/graphql/reference/mutations#createcommitonbranch
 */
export async function commitOnBranch(
  git: GitContext,
  base: GitHubSnapshot,
  step: StepWrite,
  expected: string,
  texts: Map<string, string | null>,
): Promise<WriteResult> {
  const additions: { path: string; contents: string }[] = [];
  const deletions: { path: string }[] = [];
  // GitHub refuses to delete a path that is not there: which of them are is one batched read, if any.
  const gone = [...texts].filter(([, text]) => text === null).map(([path]) => path);
  const present = await Promise.all(gone.map(async (path) => (await base.read(path)) !== undefined));
  for (const [path, text] of texts)
    if (text !== null) additions.push({ path, contents: Buffer.from(text, "utf8").toString("base64") });
  gone.forEach((path, i) => present[i] && deletions.push({ path }));
  const [headline = "", ...rest] = step.message.split("\n");
  const body = rest.join("\n").replace(/^\n+/, "");
  const input = {
    branch: { repositoryNameWithOwner: `${git.at.owner}/${git.at.repo}`, branchName: step.branch },
    expectedHeadOid: expected,
    message: { headline, ...(body && { body }) },
    fileChanges: { additions, deletions },
  };
  const settle = async (): Promise<Landed | undefined> => {
    const head = await readPaths(git, { branch: step.branch }, [...texts.keys()]);
    if (head?.commit === expected) return undefined;
    return head && isOurs(head, expected, texts)
      ? { createCommitOnBranch: { commit: { oid: head.commit, tree: { oid: head.tree } } } }
      : CONFLICT;
  };
  let landed: Landed;
  try {
    landed = await git.client.graphql<Landed>(MUTATION, { input }, { mutation: true, recover: settle });
  } catch (error) {
    // Refused: the head moved (STALE_DATA), or a resend of ours found its own commit there.
    if (!(error instanceof GitHubError) || error.status !== 422) throw error;
    const found = await settle();
    if (found === undefined) throw error;
    landed = found;
  }
  const commit = landed.createCommitOnBranch?.commit;
  if (!commit) return { ok: false, reason: "conflict" };
  return { ok: true, snapshot: written(git, base, step.branch, commit, texts) };
}

/** The head is a commit on `expected` whose files at the written paths are exactly ours. */
function isOurs(head: PathRead, expected: string, texts: Map<string, string | null>): boolean {
  if (head.parent !== expected) return false;
  return [...texts].every(([path, text]) => {
    const file = head.files.get(path);
    return text === null ? !file : file?.sha === blobId(text);
  });
}

/** The snapshot after the write: what the base knew, with the written files, without a read. */
function written(
  git: GitContext,
  base: GitHubSnapshot,
  branch: string,
  commit: { oid: string; tree: { oid: string } },
  texts: Map<string, string | null>,
): GitHubSnapshot {
  const files = new Map<string, PathFile>(base.knownFiles());
  const dirs = new Map([...base.knownDirs()].map(([dir, names]) => [dir, new Set(names)]));
  const all = base.treeIfLoaded?.allFiles && new Map<string, TreeFile>(base.treeIfLoaded.allFiles);
  for (const [path, text] of texts) {
    const sha = text === null ? undefined : git.blobs.remember(text);
    const mode = files.get(path)?.mode ?? all?.get(path)?.mode ?? "100644";
    files.set(path, text === null ? null : { text, sha: sha!, mode });
    const name = path.slice(path.lastIndexOf("/") + 1);
    if (text === null) dirs.get(dirOf(path))?.delete(name);
    else dirs.get(dirOf(path))?.add(name);
    if (!all) continue;
    if (sha === undefined) all.delete(path);
    else all.set(path, { sha, mode });
  }
  const tree = all ? GitTree.known(git.client, git.at, commit.tree.oid, all) : commit.oid;
  return new GitHubSnapshot(git, { ref: branch, commit: commit.oid, tree, treeSha: commit.tree.oid, files, dirs });
}
