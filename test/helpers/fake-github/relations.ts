/**
 * Sub-issues and "blocked by" dependencies. Both take the issue's database `id`, not its number.
 * Limits: 100 sub-issues per parent (https://docs.github.com/issues/tracking-your-work-with-issues/using-issues/adding-sub-issues),
 * 50 dependencies per direction (https://docs.github.com/issues/tracking-your-work-with-issues/using-issues/creating-issue-dependencies).
 */
import {
  getIssue,
  getRepo,
  issueById,
  notFound,
  ok,
  paginate,
  unprocessable,
  type Ctx,
  type Handler,
} from "./context.js";
import { blockingIds, issueJson } from "./serialize.js";
import { iso, type Issue } from "./state.js";

export const MAX_SUB_ISSUES = 100;
export const MAX_DEPENDENCIES = 50;
/** Sub-issues nest at most 8 levels, counting the top issue. */
export const MAX_LEVELS = 8;

function other(ctx: Ctx, id: number) {
  const found = issueById(ctx.world, id);
  if (!found) throw unprocessable("Validation Failed", [{ resource: "Issue", code: "invalid", field: "issue_id" }]);
  return found;
}

function json(ctx: Ctx, issue: Issue) {
  const at = ctx.world.issueIndex.get(issue.id)!;
  return issueJson(ctx.world, ctx.urls, ctx.world.repos.get(at.repo)!, issue);
}

function ancestors(ctx: Ctx, issue: Issue): number[] {
  const out: number[] = [];
  for (let p = issue.parent; p !== null; p = issueById(ctx.world, p)?.issue.parent ?? null) out.push(p);
  return out;
}

/** Levels in the sub-tree rooted at `issue` (1 for a leaf). */
function height(ctx: Ctx, issue: Issue): number {
  const kids = issue.subIssues.map((id) => issueById(ctx.world, id)?.issue).filter((i) => i !== undefined);
  return 1 + Math.max(0, ...kids.map((k) => height(ctx, k)));
}

export const relationHandlers: Record<string, Handler> = {
  "issues/add-sub-issue": (ctx) => {
    const repo = getRepo(ctx);
    const parent = getIssue(ctx, repo);
    const { sub_issue_id, replace_parent } = ctx.body as { sub_issue_id: number; replace_parent?: boolean };
    const { issue: child } = other(ctx, sub_issue_id);
    if (child.id === parent.id || ancestors(ctx, parent).includes(child.id))
      throw unprocessable("An issue cannot be a sub-issue of itself or of its own sub-issues");
    if (parent.subIssues.includes(child.id)) throw unprocessable("Issue is already a sub-issue of this parent");
    if (child.parent !== null && !replace_parent) throw unprocessable("Issue may not contain duplicate sub-issues");
    if (ancestors(ctx, parent).length + 1 + height(ctx, child) > MAX_LEVELS)
      throw unprocessable(`Sub-issues may nest at most ${MAX_LEVELS} levels`);
    if (parent.subIssues.length >= MAX_SUB_ISSUES)
      throw unprocessable(`Parent cannot have more than ${MAX_SUB_ISSUES} sub-issues`);
    if (child.parent !== null) {
      const old = issueById(ctx.world, child.parent)?.issue;
      if (old) old.subIssues = old.subIssues.filter((id) => id !== child.id);
    }
    child.parent = parent.id;
    parent.subIssues.push(child.id);
    parent.updated_at = iso(ctx.world);
    return ok(json(ctx, child), 201);
  },
  "issues/list-sub-issues": (ctx) => {
    const parent = getIssue(ctx, getRepo(ctx));
    return paginate(
      ctx,
      parent.subIssues.map((id) => json(ctx, other(ctx, id).issue)),
    );
  },
  "issues/remove-sub-issue": (ctx) => {
    const parent = getIssue(ctx, getRepo(ctx));
    const { sub_issue_id } = ctx.body as { sub_issue_id: number };
    if (!parent.subIssues.includes(sub_issue_id)) throw notFound();
    const { issue: child } = other(ctx, sub_issue_id);
    parent.subIssues = parent.subIssues.filter((id) => id !== sub_issue_id);
    child.parent = null;
    parent.updated_at = iso(ctx.world);
    return ok(json(ctx, child));
  },
  "issues/add-blocked-by-dependency": (ctx) => {
    const issue = getIssue(ctx, getRepo(ctx));
    const { issue: blocker } = other(ctx, (ctx.body as { issue_id: number }).issue_id);
    if (blocker.id === issue.id) throw unprocessable("An issue cannot be blocked by itself");
    if (issue.blockedBy.includes(blocker.id)) throw unprocessable("Dependency already exists");
    if (issue.blockedBy.length >= MAX_DEPENDENCIES)
      throw unprocessable(`An issue cannot be blocked by more than ${MAX_DEPENDENCIES} issues`);
    if (blockingIds(ctx.world, blocker).length >= MAX_DEPENDENCIES)
      throw unprocessable(`An issue cannot block more than ${MAX_DEPENDENCIES} issues`);
    issue.blockedBy.push(blocker.id);
    issue.updated_at = iso(ctx.world);
    return ok(json(ctx, blocker), 201);
  },
  "issues/list-dependencies-blocked-by": (ctx) => {
    const issue = getIssue(ctx, getRepo(ctx));
    return paginate(
      ctx,
      issue.blockedBy.map((id) => json(ctx, other(ctx, id).issue)),
    );
  },
  "issues/list-dependencies-blocking": (ctx) => {
    const issue = getIssue(ctx, getRepo(ctx));
    return paginate(
      ctx,
      blockingIds(ctx.world, issue).map((id) => json(ctx, other(ctx, id).issue)),
    );
  },
  "issues/remove-dependency-blocked-by": (ctx) => {
    const issue = getIssue(ctx, getRepo(ctx));
    const id = Number(ctx.params.issue_id);
    if (!issue.blockedBy.includes(id)) throw notFound();
    issue.blockedBy = issue.blockedBy.filter((b) => b !== id);
    issue.updated_at = iso(ctx.world);
    return ok(json(ctx, other(ctx, id).issue));
  },
};
