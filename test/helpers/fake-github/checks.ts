/** Check runs, commit statuses and (derived) check suites: https://docs.github.com/rest/checks */
import { getRepo, notFound, ok, type Ctx, type Handler } from "./context.js";
import { getCommit } from "./git-resolve.js";
import { loginJson, nodeId, repositoryJson, repoUrl } from "./serialize.js";
import { iso, nextId, type CheckRun, type CommitStatus, type RepoState } from "./state.js";

type CheckInput = Partial<Omit<CheckRun, "id" | "output" | "app">> & {
  output?: { title?: string; summary?: string; text?: string; annotations?: unknown[] };
};

export function checkRunJson(ctx: Ctx, repo: RepoState, run: CheckRun): Record<string, unknown> {
  return {
    id: run.id,
    node_id: nodeId("CR", run.id),
    head_sha: run.head_sha,
    external_id: run.external_id,
    url: `${repoUrl(ctx.urls, repo)}/check-runs/${run.id}`,
    html_url: `${ctx.urls.html}/${repo.owner}/${repo.name}/runs/${run.id}`,
    details_url: run.details_url,
    status: run.status,
    conclusion: run.conclusion,
    started_at: run.started_at,
    completed_at: run.completed_at,
    output: { ...run.output, annotations_url: `${repoUrl(ctx.urls, repo)}/check-runs/${run.id}/annotations` },
    name: run.name,
    check_suite: { id: 1 },
    app: appJson(ctx, run.app),
    pull_requests: [],
  };
}

/** Applies a create/update body; completing a run (a conclusion) sets status and completed_at. */
export function applyCheckInput(ctx: Ctx, run: CheckRun, b: CheckInput): void {
  const now = iso(ctx.world);
  for (const key of ["name", "details_url", "external_id", "started_at", "completed_at"] as const)
    if (b[key] !== undefined) (run as unknown as Record<string, unknown>)[key] = b[key];
  if (b.status !== undefined) run.status = b.status;
  if (b.conclusion !== undefined) {
    run.conclusion = b.conclusion;
    run.status = "completed";
  }
  if (run.status === "completed") run.completed_at ??= now;
  if (b.output) {
    run.output = {
      title: b.output.title ?? run.output.title,
      summary: b.output.summary ?? run.output.summary,
      text: b.output.text ?? run.output.text,
      annotations_count: run.output.annotations_count + (b.output.annotations?.length ?? 0),
    };
  }
}

function combinedState(statuses: CommitStatus[]): string {
  if (statuses.some((s) => s.state === "error" || s.state === "failure")) return "failure";
  if (!statuses.length || statuses.some((s) => s.state === "pending")) return "pending";
  return "success";
}

/** The newest status per context on a commit, newest first. */
export function latestStatuses(repo: RepoState, sha: string): CommitStatus[] {
  const seen = new Set<string>();
  return [...repo.statuses].reverse().filter((s) => s.sha === sha && !seen.has(s.context) && seen.add(s.context));
}

function runsFor(ctx: Ctx, repo: RepoState, sha: string): CheckRun[] {
  const runs = [...repo.checkRuns.values()].filter((r) => r.head_sha === sha).reverse();
  if (ctx.query.get("filter") === "all") return runs;
  const seen = new Set<string>();
  return runs.filter((r) => !seen.has(r.name) && seen.add(r.name));
}

export const checkHandlers: Record<string, Handler> = {
  "checks/create": (ctx) => {
    const repo = getRepo(ctx);
    const b = ctx.body as CheckInput & { name: string; head_sha: string };
    getCommit(repo, b.head_sha);
    const run: CheckRun = {
      id: nextId(ctx.world),
      name: b.name,
      head_sha: b.head_sha,
      status: "queued",
      conclusion: null,
      started_at: iso(ctx.world),
      completed_at: null,
      details_url: null,
      external_id: null,
      output: { title: null, summary: null, text: null, annotations_count: 0 },
      app: ctx.world.appSlug,
    };
    applyCheckInput(ctx, run, b);
    repo.checkRuns.set(run.id, run);
    return ok(checkRunJson(ctx, repo, run), 201);
  },
  "checks/update": (ctx) => {
    const repo = getRepo(ctx);
    const run = repo.checkRuns.get(Number(ctx.params.check_run_id));
    if (!run) throw notFound();
    applyCheckInput(ctx, run, ctx.body as CheckInput);
    return ok(checkRunJson(ctx, repo, run));
  },
  "checks/get": (ctx) => {
    const repo = getRepo(ctx);
    const run = repo.checkRuns.get(Number(ctx.params.check_run_id));
    if (!run) throw notFound();
    return ok(checkRunJson(ctx, repo, run));
  },
  "checks/list-for-ref": (ctx) => {
    const repo = getRepo(ctx);
    const name = ctx.query.get("check_name");
    const status = ctx.query.get("status");
    const runs = runsFor(ctx, repo, getCommit(repo, ctx.params.ref!).sha).filter(
      (r) => (!name || r.name === name) && (!status || r.status === status),
    );
    return ok({ total_count: runs.length, check_runs: runs.map((r) => checkRunJson(ctx, repo, r)) });
  },
  "checks/list-suites-for-ref": (ctx) => {
    const repo = getRepo(ctx);
    const sha = getCommit(repo, ctx.params.ref!).sha;
    const runs = runsFor(ctx, repo, sha);
    if (!runs.length) return ok({ total_count: 0, check_suites: [] });
    const done = runs.every((r) => r.status === "completed");
    const order = ["action_required", "cancelled", "timed_out", "failure", "neutral", "skipped", "stale", "success"];
    const worst = runs.map((r) => r.conclusion ?? "success").sort((a, b) => order.indexOf(a) - order.indexOf(b))[0];
    const suite = { id: 1, node_id: nodeId("CS", 1), head_sha: sha, status: done ? "completed" : "in_progress" };
    return ok({
      total_count: 1,
      check_suites: [{ ...suite, conclusion: done ? worst : null, latest_check_runs_count: runs.length }],
    });
  },
  "repos/create-commit-status": (ctx) => {
    const repo = getRepo(ctx);
    const sha = getCommit(repo, ctx.params.sha!).sha;
    const b = ctx.body as { state: CommitStatus["state"]; context?: string; description?: string; target_url?: string };
    const now = iso(ctx.world);
    const s: CommitStatus = {
      id: nextId(ctx.world),
      sha,
      state: b.state,
      context: b.context ?? "default",
      description: b.description ?? null,
      target_url: b.target_url ?? null,
      created_at: now,
      updated_at: now,
      creator: ctx.actor.login,
    };
    repo.statuses.push(s);
    return ok(statusJson(ctx, repo, s), 201);
  },
  "repos/list-commit-statuses-for-ref": (ctx) => {
    const repo = getRepo(ctx);
    const sha = getCommit(repo, ctx.params.ref!).sha;
    return ok(
      [...repo.statuses]
        .reverse()
        .filter((s) => s.sha === sha)
        .map((s) => statusJson(ctx, repo, s)),
    );
  },
  "repos/get-combined-status-for-ref": (ctx) => {
    const repo = getRepo(ctx);
    const sha = getCommit(repo, ctx.params.ref!).sha;
    const statuses = latestStatuses(repo, sha);
    return ok({
      state: combinedState(statuses),
      statuses: statuses.map((s) => statusJson(ctx, repo, s)),
      sha,
      total_count: statuses.length,
      repository: repositoryJson(ctx.world, ctx.urls, repo),
      commit_url: `${repoUrl(ctx.urls, repo)}/commits/${sha}`,
      url: `${repoUrl(ctx.urls, repo)}/commits/${sha}/status`,
    });
  },
};

function statusJson(ctx: Ctx, repo: RepoState, s: CommitStatus): Record<string, unknown> {
  return {
    id: s.id,
    node_id: nodeId("SC", s.id),
    url: `${repoUrl(ctx.urls, repo)}/statuses/${s.sha}`,
    state: s.state,
    description: s.description,
    target_url: s.target_url,
    context: s.context,
    created_at: s.created_at,
    updated_at: s.updated_at,
    avatar_url: null,
    creator: loginJson(ctx.world, ctx.urls, s.creator),
  };
}

/** The GitHub App that made a check run (https://docs.github.com/rest/apps/apps#get-an-app). */
function appJson(ctx: Ctx, slug: string): Record<string, unknown> {
  return {
    id: 1,
    node_id: nodeId("A", 1),
    slug,
    name: slug,
    owner: loginJson(ctx.world, ctx.urls, "github"),
    description: null,
    external_url: `${ctx.urls.html}/apps/${slug}`,
    html_url: `${ctx.urls.html}/apps/${slug}`,
    created_at: "2016-01-01T00:00:00Z",
    updated_at: "2016-01-01T00:00:00Z",
    permissions: {},
    events: [],
  };
}
