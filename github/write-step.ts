import type { FileChange, StepWrite, WriteResult } from "../core/index.js";
import { GitTree, type TreeFile } from "./git-tree.js";
import { GitHubSnapshot, normalizePath, type GitContext } from "./github-snapshot.js";
import { commitOnBranch } from "./commit-on-branch.js";
import { anchoredMilestones, recordLogAnchor } from "./log-anchor.js";
import { moveBranch } from "./move-branch.js";

interface TreeInput {
  path: string;
  mode: "100644" | "100755" | "040000" | "160000" | "120000";
  type: "blob";
  sha?: string | null;
  content?: string;
}

/**
 * One step as ONE commit: on an existing branch one `createCommitOnBranch` (commit-on-branch.ts);
 * to create the branch, at most three REST writes: a tree on the base's tree with the changed files
 * inline, a commit whose parent is the base's commit, and the ref's creation. Either way, when the
 * step changes a milestone's log, the log's anchor follows the commit (ADR 19): one more write.
 * https://docs.github.com/rest/git/trees#create-a-tree
 */
export async function writeStep(git: GitContext, step: StepWrite): Promise<WriteResult> {
  const base = step.base;
  if (!(base instanceof GitHubSnapshot))
    throw new Error("GitHubRepo.write needs a base from its own work() or write()");
  const revision = base.revision ?? (await base.resolveRevision());
  if (!revision) throw new Error(`cannot write on ${step.branch}: its base ${base.ref} has no commit`);
  const texts = await finalTexts(base, step.changes);
  const create = base.ref === step.branch && base.missing;
  if (!create && texts.size > 0) {
    const result = await commitOnBranch(git, base, step, revision.commit, texts);
    if (result.ok) await anchorLogs(git, base, texts, result.snapshot.revision?.commit, false);
    return result;
  }
  const baseTree = await base.tree();
  if (!baseTree) throw new Error(`cannot write on ${step.branch}: its base ${base.ref} has no tree`);
  const entries: TreeInput[] = [];
  for (const [path, text] of texts) {
    const mode = ((await baseTree.file(path))?.mode ?? "100644") as TreeInput["mode"];
    if (text !== null) entries.push({ path, mode, type: "blob", content: text });
    else if (await baseTree.file(path)) entries.push({ path, mode, type: "blob", sha: null });
  }
  const { client, at } = git;
  const tree = entries.length
    ? (
        await client.request<{ sha: string }>(
          "POST /repos/{owner}/{repo}/git/trees",
          { ...at, base_tree: baseTree.sha, tree: entries },
          { idempotent: true }, // content-addressed: the same request makes the same tree
        )
      ).data.sha
    : baseTree.sha;
  const { data: commit } = await client.request<{ sha: string }>(
    "POST /repos/{owner}/{repo}/git/commits",
    { ...at, message: step.message, tree, parents: [revision.commit] },
    { idempotent: true }, // a second commit object nobody points at is harmless
  );
  const moved = await moveBranch(git, { branch: step.branch, from: revision.commit, to: commit.sha, create });
  if (moved === "conflict") return { ok: false, reason: "conflict" };
  await anchorLogs(git, base, texts, commit.sha, create);
  const files = baseTree.allFiles && new Map<string, TreeFile>(baseTree.allFiles);
  for (const [path, text] of texts) {
    const sha = text === null ? undefined : git.blobs.remember(text);
    if (!files) continue;
    if (sha === undefined) files.delete(path);
    else files.set(path, { sha, mode: files.get(path)?.mode ?? "100644" });
  }
  const known = files ? GitTree.known(client, at, tree, files) : tree;
  return { ok: true, snapshot: new GitHubSnapshot(git, { ref: step.branch, commit: commit.sha, tree: known }) };
}

/** The log's new head, recorded outside the branch (ADR 19); a log the base lacked gets its anchor created. */
async function anchorLogs(
  git: GitContext,
  base: GitHubSnapshot,
  texts: Map<string, string | null>,
  commit: string | undefined,
  create: boolean,
): Promise<void> {
  if (!commit) return;
  for (const [milestone, path] of anchoredMilestones(texts.keys())) {
    const fresh = create || !(await base.read(path));
    const text = texts.get(path);
    if ((await recordLogAnchor(git, milestone, commit, fresh)) && typeof text === "string")
      git.anchors.moved(milestone, commit, path, text);
    else git.anchors.forget(milestone);
  }
}

/** Each changed path's final text (null: deleted); an append adds to the base's text. */
async function finalTexts(base: GitHubSnapshot, changes: FileChange[]): Promise<Map<string, string | null>> {
  const texts = new Map<string, string | null>();
  for (const change of changes) {
    const path = normalizePath(change.path);
    if (change.kind === "delete") texts.set(path, null);
    else if (change.kind === "put") texts.set(path, change.text);
    else {
      const before = texts.has(path) ? texts.get(path) : (await base.read(path))?.text;
      texts.set(path, (before ?? "") + change.text);
    }
  }
  return texts;
}
