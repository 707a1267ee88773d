/** Issue comments and reactions: https://docs.github.com/rest/issues/comments, /rest/reactions */
import { getIssue, getRepo, noContent, notFound, ok, paginate, type Ctx, type Handler } from "./context.js";
import { commentJson, loginJson, nodeId } from "./serialize.js";
import { iso, nextId, type Comment, type Reaction, type RepoState } from "./state.js";

function getComment(ctx: Ctx, repo: RepoState): Comment {
  const c = repo.comments.get(Number(ctx.params.comment_id));
  if (!c) throw notFound();
  return c;
}

function react(ctx: Ctx, repo: RepoState, subject: string) {
  const content = (ctx.body as { content: string }).content;
  const existing = repo.reactions.find(
    (r) => r.subject === subject && r.content === content && r.user === ctx.actor.login,
  );
  const reaction: Reaction = existing ?? {
    id: nextId(ctx.world),
    subject,
    content,
    user: ctx.actor.login,
    created_at: iso(ctx.world),
  };
  if (!existing) repo.reactions.push(reaction);
  const json = {
    id: reaction.id,
    node_id: nodeId("REA", reaction.id),
    user: loginJson(ctx.world, ctx.urls, reaction.user),
    content: reaction.content,
    created_at: reaction.created_at,
  };
  // GitHub answers 200 when the same user already left the same reaction, 201 when it is new.
  return ok(json, existing ? 200 : 201);
}

function listReactions(ctx: Ctx, repo: RepoState, subject: string) {
  const content = ctx.query.get("content");
  return paginate(
    ctx,
    repo.reactions
      .filter((r) => r.subject === subject && (!content || r.content === content))
      .map((r) => ({
        id: r.id,
        node_id: nodeId("REA", r.id),
        user: loginJson(ctx.world, ctx.urls, r.user),
        content: r.content,
        created_at: r.created_at,
      })),
  );
}

export const commentHandlers: Record<string, Handler> = {
  "issues/create-comment": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    const now = iso(ctx.world);
    const c: Comment = {
      id: nextId(ctx.world),
      issue: issue.number,
      body: (ctx.body as { body: string }).body,
      user: ctx.actor.login,
      created_at: now,
      updated_at: now,
    };
    repo.comments.set(c.id, c);
    issue.updated_at = now;
    return ok(commentJson(ctx.world, ctx.urls, repo, c), 201);
  },
  "issues/list-comments": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    const since = ctx.query.get("since");
    const comments = [...repo.comments.values()].filter(
      (c) => c.issue === issue.number && (!since || c.updated_at >= since),
    );
    return paginate(
      ctx,
      comments.map((c) => commentJson(ctx.world, ctx.urls, repo, c)),
    );
  },
  "issues/list-comments-for-repo": (ctx) => {
    const repo = getRepo(ctx);
    return paginate(
      ctx,
      [...repo.comments.values()].map((c) => commentJson(ctx.world, ctx.urls, repo, c)),
    );
  },
  "issues/get-comment": (ctx) => {
    const repo = getRepo(ctx);
    return ok(commentJson(ctx.world, ctx.urls, repo, getComment(ctx, repo)));
  },
  "issues/update-comment": (ctx) => {
    const repo = getRepo(ctx);
    const c = getComment(ctx, repo);
    c.body = (ctx.body as { body: string }).body;
    c.updated_at = iso(ctx.world);
    return ok(commentJson(ctx.world, ctx.urls, repo, c));
  },
  "issues/delete-comment": (ctx) => {
    const repo = getRepo(ctx);
    const c = getComment(ctx, repo);
    repo.comments.delete(c.id);
    repo.reactions = repo.reactions.filter((r) => r.subject !== `comment:${c.id}`);
    return noContent();
  },
  "reactions/create-for-issue-comment": (ctx) => {
    const repo = getRepo(ctx);
    return react(ctx, repo, `comment:${getComment(ctx, repo).id}`);
  },
  "reactions/list-for-issue-comment": (ctx) => {
    const repo = getRepo(ctx);
    return listReactions(ctx, repo, `comment:${getComment(ctx, repo).id}`);
  },
  "reactions/create-for-issue": (ctx) => {
    const repo = getRepo(ctx);
    return react(ctx, repo, `issue:${getIssue(ctx, repo).number}`);
  },
  "reactions/list-for-issue": (ctx) => {
    const repo = getRepo(ctx);
    return listReactions(ctx, repo, `issue:${getIssue(ctx, repo).number}`);
  },
  "reactions/delete-for-issue-comment": (ctx) => {
    const repo = getRepo(ctx);
    const id = Number(ctx.params.reaction_id);
    repo.reactions = repo.reactions.filter((r) => r.id !== id);
    return noContent();
  },
};
