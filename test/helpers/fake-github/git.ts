/** Git data API: blobs, trees, commits and refs. https://docs.github.com/rest/git */
import { getRepo, noContent, notFound, ok, unprocessable, type Ctx, type Handler } from "./context.js";
import { buildTree, flattenTree, isAncestor, writeBlob, writeCommit, type Signature } from "./git-objects.js";
import { findCommit, getObject, gitCommitJson, refJson } from "./git-resolve.js";
import { repoUrl } from "./serialize.js";
import { iso, type RepoState } from "./state.js";

interface TreeEntryInput {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha?: string | null;
  content?: string;
}

function treeJson(ctx: Ctx, repo: RepoState, sha: string, recursive: boolean): Record<string, unknown> {
  const base = repoUrl(ctx.urls, repo);
  const entries: Record<string, unknown>[] = [];
  const walk = (treeSha: string, prefix: string) => {
    for (const e of getObject(repo.objects, treeSha, "tree").entries) {
      const path = prefix + e.name;
      const blob = e.type === "blob" ? getObject(repo.objects, e.sha, "blob") : undefined;
      entries.push({
        path,
        mode: e.mode,
        type: e.type,
        sha: e.sha,
        ...(blob && { size: blob.content.length }),
        url: `${base}/git/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`,
      });
      if (recursive && e.type === "tree") walk(e.sha, `${path}/`);
    }
  };
  walk(sha, "");
  return { sha, url: `${base}/git/trees/${sha}`, tree: entries, truncated: false };
}

function signature(ctx: Ctx, given: unknown): Signature {
  const s = (given ?? {}) as Partial<Signature>;
  return {
    name: s.name ?? ctx.actor.login,
    email: s.email ?? `${ctx.actor.id}+${ctx.actor.login}@users.noreply.github.com`,
    date: s.date ? new Date(s.date).toISOString().replace(/\.\d{3}Z$/, "Z") : iso(ctx.world),
  };
}

function applyEntries(repo: RepoState, baseTree: string | undefined, entries: TreeEntryInput[]): string {
  const flat = baseTree ? flattenTree(repo.objects, baseTree) : new Map();
  for (const e of entries) {
    const path = e.path.replace(/^\/+|\/+$/g, "");
    if (e.sha === null) {
      for (const p of [...flat.keys()]) if (p === path || p.startsWith(`${path}/`)) flat.delete(p);
    } else if (e.content !== undefined) {
      flat.set(path, { mode: e.mode, type: "blob", sha: writeBlob(repo.objects, Buffer.from(e.content, "utf8")) });
    } else if (e.type === "tree" && e.sha) {
      for (const p of [...flat.keys()]) if (p.startsWith(`${path}/`)) flat.delete(p);
      if (repo.objects.get(e.sha)?.type !== "tree") throw unprocessable(`tree.sha ${e.sha} is not a valid tree`);
      for (const [sub, leaf] of flattenTree(repo.objects, e.sha)) flat.set(`${path}/${sub}`, leaf);
    } else if (e.sha) {
      if (e.type === "blob" && repo.objects.get(e.sha)?.type !== "blob")
        throw unprocessable(`tree.sha ${e.sha} is not a valid blob`);
      flat.set(path, { mode: e.mode, type: e.type, sha: e.sha });
    } else throw unprocessable("Must supply either tree.sha or tree.content");
  }
  return buildTree(repo.objects, flat);
}

function refName(ctx: Ctx): string {
  return `refs/${ctx.params.ref!.replace(/^refs\//, "")}`;
}

export const gitHandlers: Record<string, Handler> = {
  "git/create-blob": (ctx) => {
    const repo = getRepo(ctx);
    const { content, encoding } = ctx.body as { content: string; encoding?: string };
    const sha = writeBlob(repo.objects, Buffer.from(content, encoding === "base64" ? "base64" : "utf8"));
    return ok({ sha, url: `${repoUrl(ctx.urls, repo)}/git/blobs/${sha}` }, 201);
  },
  "git/get-blob": (ctx) => {
    const repo = getRepo(ctx);
    const blob = getObject(repo.objects, ctx.params.file_sha!, "blob");
    return ok({
      sha: blob.sha,
      node_id: `B_${blob.sha.slice(0, 12)}`,
      size: blob.content.length,
      url: `${repoUrl(ctx.urls, repo)}/git/blobs/${blob.sha}`,
      content: blob.content.toString("base64"),
      encoding: "base64",
    });
  },
  "git/get-tree": (ctx) => {
    const repo = getRepo(ctx);
    const name = ctx.params.tree_sha!;
    const direct = repo.objects.get(name.toLowerCase());
    const sha = direct?.type === "tree" ? direct.sha : findCommit(repo, name)?.tree;
    if (!sha) throw notFound();
    const recursive = ![null, "", "0", "false"].includes(ctx.query.get("recursive"));
    return ok(treeJson(ctx, repo, sha, recursive));
  },
  "git/create-tree": (ctx) => {
    const repo = getRepo(ctx);
    const { tree, base_tree } = ctx.body as { tree: TreeEntryInput[]; base_tree?: string };
    if (base_tree && repo.objects.get(base_tree)?.type !== "tree") throw notFound();
    return ok(treeJson(ctx, repo, applyEntries(repo, base_tree, tree), false), 201);
  },
  "git/get-commit": (ctx) => {
    const repo = getRepo(ctx);
    return ok(gitCommitJson(ctx.urls, repo, getObject(repo.objects, ctx.params.commit_sha!, "commit")));
  },
  "git/create-commit": (ctx) => {
    const repo = getRepo(ctx);
    const b = ctx.body as { message: string; tree: string; parents?: string[]; author?: unknown; committer?: unknown };
    if (repo.objects.get(b.tree)?.type !== "tree") throw unprocessable("Tree SHA does not exist");
    for (const p of b.parents ?? [])
      if (repo.objects.get(p)?.type !== "commit")
        throw unprocessable("Parent SHA does not exist or is not a commit object");
    const author = signature(ctx, b.author);
    const sha = writeCommit(repo.objects, {
      tree: b.tree,
      parents: b.parents ?? [],
      message: b.message,
      author,
      committer: b.committer ? signature(ctx, b.committer) : author,
    });
    return ok(gitCommitJson(ctx.urls, repo, getObject(repo.objects, sha, "commit")), 201);
  },
  "git/get-ref": (ctx) => {
    const repo = getRepo(ctx);
    const ref = refName(ctx);
    if (!repo.refs.has(ref)) throw notFound();
    return ok(refJson(ctx.urls, repo, ref));
  },
  "git/list-matching-refs": (ctx) => {
    const repo = getRepo(ctx);
    const prefix = refName(ctx);
    const refs = [...repo.refs.keys()].filter((r) => r.startsWith(prefix)).sort();
    return ok(refs.map((r) => refJson(ctx.urls, repo, r)));
  },
  "git/create-ref": (ctx) => {
    const repo = getRepo(ctx);
    const { ref, sha } = ctx.body as { ref: string; sha: string };
    if (!/^refs\/[^/]+\/.+/.test(ref)) throw unprocessable(`${ref} is not a valid ref name.`);
    if (repo.refs.has(ref)) throw unprocessable("Reference already exists");
    if (repo.objects.get(sha)?.type !== "commit") throw unprocessable("Object does not exist");
    repo.refs.set(ref, sha);
    return ok(refJson(ctx.urls, repo, ref), 201);
  },
  "git/update-ref": (ctx) => {
    const repo = getRepo(ctx);
    const ref = refName(ctx);
    const { sha, force } = ctx.body as { sha: string; force?: boolean };
    const old = repo.refs.get(ref);
    if (!old) throw unprocessable("Reference does not exist");
    if (repo.objects.get(sha)?.type !== "commit") throw unprocessable("Object does not exist");
    if (!force && !isAncestor(repo.objects, old, sha)) throw unprocessable("Update is not a fast forward");
    repo.refs.set(ref, sha);
    return ok(refJson(ctx.urls, repo, ref));
  },
  "git/delete-ref": (ctx) => {
    const repo = getRepo(ctx);
    const ref = refName(ctx);
    if (!repo.refs.delete(ref)) throw unprocessable("Reference does not exist");
    return noContent();
  },
};
