/** Repository contents and commits: https://docs.github.com/rest/repos/contents */
import { FakeHttpError, getRepo, notFound, ok, type Ctx, type Handler } from "./context.js";
import { buildTree, flattenTree, lookupPath, writeBlob, writeCommit, type TreeEntry } from "./git-objects.js";
import { findCommit, getObject, gitCommitJson } from "./git-resolve.js";
import { nodeId, repoUrl } from "./serialize.js";
import { iso, type RepoState } from "./state.js";

function entryJson(ctx: Ctx, repo: RepoState, ref: string, path: string, e: TreeEntry): Record<string, unknown> {
  const base = repoUrl(ctx.urls, repo);
  const type = e.type === "tree" ? "dir" : e.type === "commit" ? "submodule" : "file";
  const size = e.type === "blob" ? getObject(repo.objects, e.sha, "blob").content.length : 0;
  const html = `${ctx.urls.html}/${repo.owner}/${repo.name}/${type === "dir" ? "tree" : "blob"}/${ref}/${path}`;
  const gitUrl = `${base}/git/${e.type === "tree" ? "trees" : "blobs"}/${e.sha}`;
  return {
    type,
    name: path.split("/").pop(),
    path,
    sha: e.sha,
    size,
    url: `${base}/contents/${path}?ref=${encodeURIComponent(ref)}`,
    git_url: gitUrl,
    html_url: html,
    download_url:
      type === "file" ? `https://raw.githubusercontent.com/${repo.owner}/${repo.name}/${ref}/${path}` : null,
    _links: { self: `${base}/contents/${path}?ref=${encodeURIComponent(ref)}`, git: gitUrl, html },
  };
}

/** Base64 wrapped at 60 columns, as GitHub sends file content. */
function wrapBase64(bytes: Buffer): string {
  return (bytes.toString("base64").match(/.{1,60}/g) ?? []).map((l) => `${l}\n`).join("");
}

interface PutBody {
  message: string;
  content: string;
  sha?: string;
  branch?: string;
  committer?: { name: string; email: string };
  author?: { name: string; email: string };
}

export const contentsHandlers: Record<string, Handler> = {
  "repos/get-content": (ctx) => {
    const repo = getRepo(ctx);
    const ref = ctx.query.get("ref") ?? repo.defaultBranch;
    const commit = findCommit(repo, ref);
    if (!commit) throw new FakeHttpError(404, `No commit found for the ref ${ref}`);
    const path = ctx.params.path!.replace(/^\/+|\/+$/g, "");
    const entry = lookupPath(repo.objects, commit.tree, path);
    if (!entry) throw notFound();
    if (entry.type !== "tree") {
      const json = entryJson(ctx, repo, ref, path, entry);
      if (entry.type !== "blob") return ok(json);
      const blob = getObject(repo.objects, entry.sha, "blob");
      return ok({ ...json, encoding: "base64", content: wrapBase64(blob.content) });
    }
    const tree = getObject(repo.objects, entry.sha, "tree");
    return ok(tree.entries.map((e) => entryJson(ctx, repo, ref, path ? `${path}/${e.name}` : e.name, e)));
  },
  "repos/create-or-update-file-contents": (ctx) => {
    const repo = getRepo(ctx);
    const b = ctx.body as PutBody;
    const branch = b.branch ?? repo.defaultBranch;
    const ref = `refs/heads/${branch}`;
    const head = repo.refs.get(ref);
    if (!head) throw new FakeHttpError(404, `Branch ${branch} not found`);
    const path = ctx.params.path!;
    const flat = flattenTree(repo.objects, getObject(repo.objects, head, "commit").tree);
    const current = flat.get(path);
    if (current && !b.sha) throw new FakeHttpError(422, `Invalid request.\n\n"sha" wasn't supplied.`);
    if (current && b.sha !== current.sha) throw new FakeHttpError(409, `${path} does not match ${b.sha}`);
    const blob = writeBlob(repo.objects, Buffer.from(b.content, "base64"));
    flat.set(path, { mode: "100644", type: "blob", sha: blob });
    const who = {
      name: b.author?.name ?? ctx.actor.login,
      email: b.author?.email ?? `${ctx.actor.login}@users.noreply.github.com`,
      date: iso(ctx.world),
    };
    const sha = writeCommit(repo.objects, {
      tree: buildTree(repo.objects, flat),
      parents: [head],
      message: b.message,
      author: who,
      committer: b.committer ? { ...b.committer, date: who.date } : who,
    });
    repo.refs.set(ref, sha);
    const commit = getObject(repo.objects, sha, "commit");
    const entry = lookupPath(repo.objects, commit.tree, path)!;
    return ok(
      { content: entryJson(ctx, repo, branch, path, entry), commit: gitCommitJson(ctx.urls, repo, commit) },
      current ? 200 : 201,
    );
  },
  "repos/list-commits": (ctx) => {
    const repo = getRepo(ctx);
    const from = ctx.query.get("sha") ?? repo.defaultBranch;
    const perPage = Math.min(100, Number(ctx.query.get("per_page") ?? 30));
    const out: Record<string, unknown>[] = [];
    for (let commit = findCommit(repo, from); commit && out.length < perPage;) {
      const { files: _files, ...listed } = commitJson(ctx, repo, commit);
      out.push(listed);
      const parent = commit.parents[0];
      commit = parent ? findCommit(repo, parent) : undefined;
    }
    return ok(out);
  },
  "repos/get-commit": (ctx) => {
    const repo = getRepo(ctx);
    const commit = findCommit(repo, ctx.params.ref!);
    if (!commit) throw new FakeHttpError(422, `No commit found for SHA: ${ctx.params.ref}`);
    return ok(commitJson(ctx, repo, commit));
  },
};

/** A commit as the commits API has it (https://docs.github.com/rest/commits/commits#get-a-commit). */
function commitJson(ctx: Ctx, repo: RepoState, commit: NonNullable<ReturnType<typeof findCommit>>) {
  const git = gitCommitJson(ctx.urls, repo, commit);
  const url = `${repoUrl(ctx.urls, repo)}/commits/${commit.sha}`;
  return {
    sha: commit.sha,
    node_id: nodeId("C", parseInt(commit.sha.slice(0, 8), 16)),
    url,
    html_url: git.html_url,
    comments_url: `${url}/comments`,
    commit: { ...git, url: `${repoUrl(ctx.urls, repo)}/git/commits/${commit.sha}`, comment_count: 0 },
    author: null,
    committer: null,
    parents: git.parents,
    files: [],
  };
}
