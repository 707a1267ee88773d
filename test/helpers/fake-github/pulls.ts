/** Pull requests (an issue plus head/base branches): https://docs.github.com/rest/pulls */
import { getIssue, getRepo, notFound, ok, paginate, unprocessable, type Ctx, type Handler } from "./context.js";
import { flattenTree, type FlatTree } from "./git-objects.js";
import { findCommit, getObject } from "./git-resolve.js";
import { newIssue } from "./issues.js";
import { issueJson, loginJson, nodeId, repositoryJson, repoUrl } from "./serialize.js";
import { iso, nextId, type Issue, type PullInfo, type RepoState } from "./state.js";

export interface PullInput {
  title: string;
  head: string;
  base: string;
  body?: string;
  draft?: boolean;
}

/** Opens a pull request from `head` into `base` (both branches of `repo`). */
export function openPull(ctx: Ctx, repo: RepoState, user: string, input: PullInput): Issue {
  const head = input.head.includes(":") ? input.head.split(":")[1]! : input.head;
  const owner = input.head.includes(":") ? input.head.split(":")[0]! : repo.owner;
  if (!findCommit(repo, `refs/heads/${head}`) || !findCommit(repo, `refs/heads/${input.base}`))
    throw unprocessable("Validation Failed", [{ resource: "PullRequest", field: "head", code: "invalid" }]);
  const issue = newIssue(ctx, repo, user, input.title);
  issue.body = input.body ?? null;
  issue.pull = {
    id: nextId(ctx.world),
    head,
    ...(owner.toLowerCase() !== repo.owner.toLowerCase() && { headOwner: owner }),
    base: input.base,
    merged: false,
    mergeable: true,
    draft: input.draft ?? false,
    reviews: [],
  };
  return issue;
}

function branchJson(ctx: Ctx, repo: RepoState, branch: string, login: string) {
  const sha = repo.refs.get(`refs/heads/${branch}`) ?? null;
  return {
    label: `${login}:${branch}`,
    ref: branch,
    sha,
    user: loginJson(ctx.world, ctx.urls, login),
    repo: repositoryJson(ctx.world, ctx.urls, repo, login),
  };
}

export function pullJson(ctx: Ctx, repo: RepoState, issue: Issue): Record<string, unknown> {
  const pull = issue.pull as PullInfo;
  const asIssue = issueJson(ctx.world, ctx.urls, repo, issue);
  const head = branchJson(ctx, repo, pull.head, pull.headOwner ?? repo.owner);
  const files = diffFiles(ctx, repo, pull);
  return {
    ...asIssue,
    id: pull.id,
    node_id: nodeId("PR", pull.id),
    url: `${repoUrl(ctx.urls, repo)}/pulls/${issue.number}`,
    issue_url: asIssue.url,
    head,
    base: branchJson(ctx, repo, pull.base, repo.owner),
    merged: pull.merged,
    mergeable: pull.mergeable,
    mergeable_state: pull.mergeable === false ? "dirty" : "clean",
    draft: pull.draft,
    merged_at: null,
    merge_commit_sha: null,
    auto_merge: null,
    merged_by: null,
    maintainer_can_modify: false,
    commits: 1,
    review_comments: 0,
    additions: files.reduce((n, f) => n + f.additions, 0),
    deletions: files.reduce((n, f) => n + f.deletions, 0),
    changed_files: files.length,
    commits_url: `${repoUrl(ctx.urls, repo)}/pulls/${issue.number}/commits`,
    review_comments_url: `${repoUrl(ctx.urls, repo)}/pulls/${issue.number}/comments`,
    review_comment_url: `${repoUrl(ctx.urls, repo)}/pulls/comments{/number}`,
    statuses_url: `${repoUrl(ctx.urls, repo)}/statuses/${head.sha ?? ""}`,
    diff_url: `${asIssue.html_url}.diff`,
    patch_url: `${asIssue.html_url}.patch`,
    _links: {
      self: { href: `${repoUrl(ctx.urls, repo)}/pulls/${issue.number}` },
      html: { href: asIssue.html_url },
      issue: { href: asIssue.url },
      comments: { href: `${asIssue.url}/comments` },
      review_comments: { href: `${repoUrl(ctx.urls, repo)}/pulls/${issue.number}/comments` },
      review_comment: { href: `${repoUrl(ctx.urls, repo)}/pulls/comments{/number}` },
      commits: { href: `${repoUrl(ctx.urls, repo)}/pulls/${issue.number}/commits` },
      statuses: { href: `${repoUrl(ctx.urls, repo)}/statuses/${head.sha ?? ""}` },
    },
  };
}

/** The files a pull request changes, as `pulls/list-files` lists them (lines counted as a set diff). */
function diffFiles(ctx: Ctx, repo: RepoState, pull: PullInfo) {
  const before = treeAt(repo, pull.base);
  const after = treeAt(repo, pull.head);
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths.flatMap((filename) => {
    const a = before.get(filename)?.sha;
    const b = after.get(filename)?.sha;
    if (a === b) return [];
    const old = new Set(lines(repo, a));
    const now = lines(repo, b);
    const additions = now.filter((l) => !old.has(l)).length;
    const deletions = [...old].filter((l) => !now.includes(l)).length;
    const status = !a ? "added" : !b ? "removed" : "modified";
    const sha = (b ?? a) as string;
    const at = encodeURIComponent(filename).replace(/%2F/g, "/");
    const blob = `${ctx.urls.html}/${repo.owner}/${repo.name}/blob/${sha}/${at}`;
    return [
      {
        sha,
        filename,
        status,
        additions,
        deletions,
        changes: additions + deletions,
        blob_url: blob,
        raw_url: blob.replace("/blob/", "/raw/"),
        contents_url: `${repoUrl(ctx.urls, repo)}/contents/${at}?ref=${sha}`,
      },
    ];
  });
}

function getPull(ctx: Ctx, repo: RepoState): Issue {
  const issue = getIssue(ctx, repo, Number(ctx.params.pull_number));
  if (!issue.pull) throw notFound();
  return issue;
}

function treeAt(repo: RepoState, branch: string): FlatTree {
  const commit = findCommit(repo, `refs/heads/${branch}`);
  return commit ? flattenTree(repo.objects, commit.tree) : new Map();
}

function lines(repo: RepoState, sha: string | undefined): string[] {
  const text = sha ? getObject(repo.objects, sha, "blob").content.toString("utf8") : "";
  return text ? text.replace(/\n$/, "").split("\n") : [];
}

export const pullHandlers: Record<string, Handler> = {
  "pulls/create": (ctx) => {
    const repo = getRepo(ctx);
    return ok(pullJson(ctx, repo, openPull(ctx, repo, ctx.actor.login, ctx.body as PullInput)), 201);
  },
  "pulls/get": (ctx) => {
    const repo = getRepo(ctx);
    return ok(pullJson(ctx, repo, getPull(ctx, repo)));
  },
  "pulls/list": (ctx) => {
    const repo = getRepo(ctx);
    const state = ctx.query.get("state") ?? "open";
    const head = ctx.query.get("head")?.split(":").pop();
    const base = ctx.query.get("base");
    const pulls = [...repo.issues.values()]
      .filter((i) => i.pull && (state === "all" || i.state === state))
      .filter((i) => (!head || i.pull!.head === head) && (!base || i.pull!.base === base))
      .sort((a, b) => (ctx.query.get("direction") === "asc" ? a.number - b.number : b.number - a.number));
    return paginate(
      ctx,
      pulls.map((i) => pullJson(ctx, repo, i)),
    );
  },
  "pulls/list-files": (ctx) => {
    const repo = getRepo(ctx);
    const files = diffFiles(ctx, repo, getPull(ctx, repo).pull!);
    return paginate(ctx, files);
  },
  "pulls/create-review": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getPull(ctx, repo);
    const b = ctx.body as { body?: string; event?: string; commit_id?: string };
    const states = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", COMMENT: "COMMENTED" } as const;
    const review = {
      id: nextId(ctx.world),
      user: ctx.actor.login,
      state: b.event ? states[b.event as keyof typeof states] : ("PENDING" as const),
      body: b.body ?? "",
      commit_id: b.commit_id ?? repo.refs.get(`refs/heads/${issue.pull!.head}`) ?? "",
      submitted_at: iso(ctx.world),
    };
    issue.pull!.reviews.push(review);
    return ok({ ...review, user: loginJson(ctx.world, ctx.urls, review.user), node_id: nodeId("PRR", review.id) });
  },
  "pulls/list-reviews": (ctx) => {
    const repo = getRepo(ctx);
    const reviews = getPull(ctx, repo).pull!.reviews;
    return paginate(
      ctx,
      reviews.map((r) => ({ ...r, user: loginJson(ctx.world, ctx.urls, r.user), node_id: nodeId("PRR", r.id) })),
    );
  },
};
