/** Milestones: https://docs.github.com/rest/issues/milestones (title unique per repository). */
import { getRepo, noContent, notFound, ok, paginate, unprocessable, type Ctx, type Handler } from "./context.js";
import { milestoneJson } from "./serialize.js";
import { iso, nextId, type Milestone, type RepoState } from "./state.js";

interface MilestoneInput {
  title?: string;
  state?: "open" | "closed";
  description?: string;
  due_on?: string;
}

function getMilestone(ctx: Ctx, repo: RepoState): Milestone {
  const m = repo.milestones.get(Number(ctx.params.milestone_number));
  if (!m) throw notFound();
  return m;
}

function assertUniqueTitle(repo: RepoState, title: string, self?: Milestone): void {
  for (const m of repo.milestones.values())
    if (m !== self && m.title === title)
      throw unprocessable("Validation Failed", [{ resource: "Milestone", code: "already_exists", field: "title" }]);
}

function apply(ctx: Ctx, m: Milestone, b: MilestoneInput): void {
  const now = iso(ctx.world);
  if (b.title !== undefined) m.title = b.title;
  if (b.description !== undefined) m.description = b.description;
  if (b.due_on !== undefined) m.due_on = b.due_on;
  if (b.state !== undefined && b.state !== m.state) {
    m.state = b.state;
    m.closed_at = b.state === "closed" ? now : null;
  }
  m.updated_at = now;
}

export const milestoneHandlers: Record<string, Handler> = {
  "issues/list-milestones": (ctx) => {
    const repo = getRepo(ctx);
    const state = ctx.query.get("state") ?? "open";
    const sort = ctx.query.get("sort") ?? "due_on";
    const sign = (ctx.query.get("direction") ?? "asc") === "asc" ? 1 : -1;
    const json = [...repo.milestones.values()]
      .filter((m) => state === "all" || m.state === state)
      .map((m) => milestoneJson(ctx.world, ctx.urls, repo, m));
    const key = (m: Record<string, unknown>): string | number =>
      sort === "completeness"
        ? Number(m.closed_issues) / Math.max(1, Number(m.open_issues) + Number(m.closed_issues))
        : String(m.due_on ?? "9999") + String(m.number).padStart(9, "0");
    json.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : Number(a.number) - Number(b.number)) * sign);
    return paginate(ctx, json);
  },
  "issues/get-milestone": (ctx) => {
    const repo = getRepo(ctx);
    return ok(milestoneJson(ctx.world, ctx.urls, repo, getMilestone(ctx, repo)));
  },
  "issues/create-milestone": (ctx) => {
    const repo = getRepo(ctx);
    const b = ctx.body as MilestoneInput & { title: string };
    assertUniqueTitle(repo, b.title);
    const now = iso(ctx.world);
    const m: Milestone = {
      id: nextId(ctx.world),
      number: repo.nextMilestone++,
      title: b.title,
      description: null,
      state: "open",
      due_on: null,
      created_at: now,
      updated_at: now,
      closed_at: null,
      creator: ctx.actor.login,
    };
    apply(ctx, m, b);
    repo.milestones.set(m.number, m);
    return ok(milestoneJson(ctx.world, ctx.urls, repo, m), 201);
  },
  "issues/update-milestone": (ctx) => {
    const repo = getRepo(ctx);
    const m = getMilestone(ctx, repo);
    const b = ctx.body as MilestoneInput;
    if (b.title !== undefined) assertUniqueTitle(repo, b.title, m);
    apply(ctx, m, b);
    return ok(milestoneJson(ctx.world, ctx.urls, repo, m));
  },
  "issues/delete-milestone": (ctx) => {
    const repo = getRepo(ctx);
    const m = getMilestone(ctx, repo);
    repo.milestones.delete(m.number);
    for (const issue of repo.issues.values()) if (issue.milestone === m.number) issue.milestone = null;
    return noContent();
  },
};
