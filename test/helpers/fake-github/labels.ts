/** Labels of a repository and of issues: https://docs.github.com/rest/issues/labels */
import { getIssue, getRepo, noContent, notFound, ok, paginate, unprocessable, type Handler } from "./context.js";
import { labelJson } from "./serialize.js";
import { iso, nextId, type Issue, type Label, type RepoState, type World } from "./state.js";

/** The label named `name` (case-insensitive), created with GitHub's default colour when missing. */
export function ensureLabel(world: World, repo: RepoState, name: string): Label {
  const existing = repo.labels.get(name.toLowerCase());
  if (existing) return existing;
  const label: Label = { id: nextId(world), name, color: "ededed", description: null, default: false };
  repo.labels.set(name.toLowerCase(), label);
  return label;
}

/** Label names from any of the shapes the endpoints accept: ["a"], [{name}], {labels: [...]}. */
export function labelNames(input: unknown): string[] {
  const list = Array.isArray(input) ? input : ((input as { labels?: unknown[] } | undefined)?.labels ?? []);
  return list.map((l) => (typeof l === "string" ? l : (l as { name: string }).name));
}

export function setIssueLabels(world: World, repo: RepoState, issue: Issue, names: string[]): void {
  const ids = [...new Set(names.map((n) => ensureLabel(world, repo, n).id))];
  // https://docs.github.com/rest/issues/labels: at most 100 labels per issue.
  if (ids.length > 100) throw unprocessable("Validation Failed", [{ resource: "Issue", code: "too_many_labels" }]);
  issue.labels = ids;
}

function getLabel(repo: RepoState, name: string): Label {
  const label = repo.labels.get(name.toLowerCase());
  if (!label) throw notFound();
  return label;
}

function issueLabels(repo: RepoState, issue: Issue): Label[] {
  return [...repo.labels.values()].filter((l) => issue.labels.includes(l.id));
}

export const labelHandlers: Record<string, Handler> = {
  "issues/list-labels-for-repo": (ctx) => {
    const repo = getRepo(ctx);
    return paginate(
      ctx,
      [...repo.labels.values()].map((l) => labelJson(ctx.urls, repo, l)),
    );
  },
  "issues/get-label": (ctx) => {
    const repo = getRepo(ctx);
    return ok(labelJson(ctx.urls, repo, getLabel(repo, ctx.params.name!)));
  },
  "issues/create-label": (ctx) => {
    const repo = getRepo(ctx);
    const b = ctx.body as { name: string; color?: string; description?: string };
    if (repo.labels.has(b.name.toLowerCase()))
      throw unprocessable("Validation Failed", [{ resource: "Label", code: "already_exists", field: "name" }]);
    const label = ensureLabel(ctx.world, repo, b.name);
    label.color = (b.color ?? "ededed").replace(/^#/, "");
    label.description = b.description ?? null;
    return ok(labelJson(ctx.urls, repo, label), 201);
  },
  "issues/update-label": (ctx) => {
    const repo = getRepo(ctx);
    const label = getLabel(repo, ctx.params.name!);
    const b = ctx.body as { new_name?: string; color?: string; description?: string };
    if (b.new_name !== undefined && b.new_name.toLowerCase() !== label.name.toLowerCase()) {
      if (repo.labels.has(b.new_name.toLowerCase()))
        throw unprocessable("Validation Failed", [{ resource: "Label", code: "already_exists", field: "name" }]);
      repo.labels.delete(label.name.toLowerCase());
      repo.labels.set(b.new_name.toLowerCase(), label);
    }
    if (b.new_name !== undefined) label.name = b.new_name;
    if (b.color !== undefined) label.color = b.color.replace(/^#/, "");
    if (b.description !== undefined) label.description = b.description;
    return ok(labelJson(ctx.urls, repo, label));
  },
  "issues/delete-label": (ctx) => {
    const repo = getRepo(ctx);
    const label = getLabel(repo, ctx.params.name!);
    repo.labels.delete(label.name.toLowerCase());
    for (const issue of repo.issues.values()) issue.labels = issue.labels.filter((id) => id !== label.id);
    return noContent();
  },
  "issues/list-labels-on-issue": (ctx) => {
    const repo = getRepo(ctx);
    return paginate(
      ctx,
      issueLabels(repo, getIssue(ctx, repo)).map((l) => labelJson(ctx.urls, repo, l)),
    );
  },
  "issues/add-labels": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    const current = issueLabels(repo, issue).map((l) => l.name);
    setIssueLabels(ctx.world, repo, issue, [...current, ...labelNames(ctx.body)]);
    issue.updated_at = iso(ctx.world);
    return ok(issueLabels(repo, issue).map((l) => labelJson(ctx.urls, repo, l)));
  },
  "issues/set-labels": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    setIssueLabels(ctx.world, repo, issue, labelNames(ctx.body));
    issue.updated_at = iso(ctx.world);
    return ok(issueLabels(repo, issue).map((l) => labelJson(ctx.urls, repo, l)));
  },
  "issues/remove-label": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    const label = repo.labels.get(ctx.params.name!.toLowerCase());
    if (!label || !issue.labels.includes(label.id)) throw notFound();
    issue.labels = issue.labels.filter((id) => id !== label.id);
    issue.updated_at = iso(ctx.world);
    return ok(issueLabels(repo, issue).map((l) => labelJson(ctx.urls, repo, l)));
  },
  "issues/remove-all-labels": (ctx) => {
    const repo = getRepo(ctx);
    const issue = getIssue(ctx, repo);
    issue.labels = [];
    issue.updated_at = iso(ctx.world);
    return noContent();
  },
};
