/** Issues (pull requests are issues too): https://docs.github.com/rest/issues/issues */
import { getIssue, getRepo, ok, paginate, unprocessable, type Ctx, type Handler } from "./context.js";
import { setIssueLabels } from "./labels.js";
import { assignable } from "./permissions.js";
import { issueJson } from "./serialize.js";
import { iso, nextId, repoKey, type Issue, type RepoState } from "./state.js";

interface IssueInput {
  title?: string | number;
  body?: string | null;
  state?: "open" | "closed";
  state_reason?: string | null;
  labels?: (string | { name?: string })[];
  assignee?: string | null;
  assignees?: string[];
  milestone?: string | number | null;
}

function milestoneNumber(repo: RepoState, value: string | number | null): number | null {
  if (value === null) return null;
  const number = Number(value);
  if (!repo.milestones.has(number))
    throw unprocessable("Validation Failed", [{ value, resource: "Issue", field: "milestone", code: "invalid" }]);
  return number;
}

/** Applies the fields of a create or update body to an issue. */
export function applyIssueInput(ctx: Ctx, repo: RepoState, issue: Issue, b: IssueInput): void {
  const now = iso(ctx.world);
  if (b.title !== undefined) issue.title = String(b.title);
  if (b.body !== undefined) issue.body = b.body;
  if (b.milestone !== undefined) issue.milestone = milestoneNumber(repo, b.milestone);
  if (b.labels !== undefined)
    setIssueLabels(
      ctx.world,
      repo,
      issue,
      b.labels.map((l) => (typeof l === "string" ? l : (l.name ?? ""))),
    );
  const assignees = b.assignees ?? (b.assignee === undefined ? undefined : b.assignee ? [b.assignee] : []);
  if (assignees !== undefined) issue.assignees = assignable(repo, [...new Set(assignees)]).slice(0, 10);
  if (b.state === "closed" && issue.state === "open") {
    issue.state = "closed";
    issue.closed_at = now;
    issue.state_reason = b.state_reason ?? "completed";
  } else if (b.state === "open" && issue.state === "closed") {
    issue.state = "open";
    issue.closed_at = null;
    issue.state_reason = "reopened";
  } else if (b.state_reason !== undefined && issue.state === "closed") issue.state_reason = b.state_reason;
  issue.updated_at = now;
}

/** A new issue (or the issue half of a pull request) with the next number. */
export function newIssue(ctx: Ctx, repo: RepoState, user: string, title: string): Issue {
  const now = iso(ctx.world);
  const issue: Issue = {
    id: nextId(ctx.world),
    number: repo.nextNumber++,
    title,
    body: null,
    state: "open",
    state_reason: null,
    user,
    labels: [],
    assignees: [],
    milestone: null,
    locked: false,
    created_at: now,
    updated_at: now,
    closed_at: null,
    parent: null,
    subIssues: [],
    blockedBy: [],
  };
  repo.issues.set(issue.number, issue);
  ctx.world.issueIndex.set(issue.id, { repo: repoKey(repo.owner, repo.name), number: issue.number });
  return issue;
}

function matchesFilters(ctx: Ctx, repo: RepoState, issue: Issue): boolean {
  const q = ctx.query;
  const state = q.get("state") ?? "open";
  if (state !== "all" && issue.state !== state) return false;
  const labels = (q.get("labels") ?? "")
    .split(",")
    .map((l) => l.trim().toLowerCase())
    .filter(Boolean);
  for (const name of labels) {
    const label = repo.labels.get(name);
    if (!label || !issue.labels.includes(label.id)) return false;
  }
  const milestone = q.get("milestone");
  if (milestone === "none" && issue.milestone !== null) return false;
  if (milestone === "*" && issue.milestone === null) return false;
  if (milestone && !["none", "*"].includes(milestone) && issue.milestone !== Number(milestone)) return false;
  const assignee = q.get("assignee");
  if (assignee === "none" && issue.assignees.length) return false;
  if (assignee === "*" && !issue.assignees.length) return false;
  if (assignee && !["none", "*"].includes(assignee) && !issue.assignees.includes(assignee)) return false;
  const creator = q.get("creator");
  if (creator && issue.user.toLowerCase() !== creator.toLowerCase()) return false;
  const since = q.get("since");
  return !since || issue.updated_at >= since;
}

function sortIssues(ctx: Ctx, repo: RepoState, issues: Issue[]): Issue[] {
  const sort = ctx.query.get("sort") ?? "created";
  const sign = (ctx.query.get("direction") ?? "desc") === "asc" ? 1 : -1;
  const comments = (i: Issue) => [...repo.comments.values()].filter((c) => c.issue === i.number).length;
  const key = (i: Issue): [string | number, number] =>
    sort === "updated" ? [i.updated_at, i.number] : sort === "comments" ? [comments(i), i.number] : [i.number, 0];
  return issues.sort((a, b) => {
    const [ka, ta] = key(a);
    const [kb, tb] = key(b);
    return (ka < kb ? -1 : ka > kb ? 1 : ta - tb) * sign;
  });
}

export const issueHandlers: Record<string, Handler> = {
  "issues/create": (ctx) => {
    const repo = getRepo(ctx);
    const b = ctx.body as IssueInput;
    const issue = newIssue(ctx, repo, ctx.actor.login, String(b.title));
    try {
      applyIssueInput(ctx, repo, issue, { ...b, state: undefined });
    } catch (error) {
      repo.issues.delete(issue.number);
      ctx.world.issueIndex.delete(issue.id);
      repo.nextNumber--;
      throw error;
    }
    return ok(issueJson(ctx.world, ctx.urls, repo, issue), 201);
  },
  "issues/get": (ctx) => {
    const repo = getRepo(ctx);
    return ok(issueJson(ctx.world, ctx.urls, repo, getIssue(ctx, repo)));
  },
  "issues/update": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    applyIssueInput(ctx, repo, issue, ctx.body as IssueInput);
    return ok(issueJson(ctx.world, ctx.urls, repo, issue));
  },
  "issues/list-for-repo": (ctx) => {
    const repo = getRepo(ctx);
    const issues = sortIssues(
      ctx,
      repo,
      [...repo.issues.values()].filter((i) => matchesFilters(ctx, repo, i)),
    );
    return paginate(
      ctx,
      issues.map((i) => issueJson(ctx.world, ctx.urls, repo, i)),
    );
  },
  "issues/add-assignees": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    const wanted = (ctx.body as { assignees?: string[] }).assignees ?? [];
    issue.assignees = [...new Set([...issue.assignees, ...assignable(repo, wanted)])].slice(0, 10);
    issue.updated_at = iso(ctx.world);
    return ok(issueJson(ctx.world, ctx.urls, repo, issue), 201);
  },
  "issues/remove-assignees": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    const gone = new Set(((ctx.body as { assignees?: string[] }).assignees ?? []).map((a) => a.toLowerCase()));
    issue.assignees = issue.assignees.filter((a) => !gone.has(a.toLowerCase()));
    issue.updated_at = iso(ctx.world);
    return ok(issueJson(ctx.world, ctx.urls, repo, issue));
  },
};
