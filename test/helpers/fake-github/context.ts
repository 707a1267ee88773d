/** What a handler receives and returns, and the errors it throws to answer like GitHub. */
import { repoKey, type Issue, type RepoState, type User, type World } from "./state.js";

export interface Reply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Urls {
  /** `https://api.github.com` or `https://host/api/v3`. */
  api: string;
  /** `https://github.com` or `https://host`. */
  html: string;
}

export interface Ctx {
  world: World;
  operation: string;
  params: Record<string, string>;
  query: URLSearchParams;
  /** The JSON body, already checked against the operation's schema ({} when none). */
  body: unknown;
  /** The authenticated user (from the token; the configured actor otherwise). */
  actor: User;
  urls: Urls;
  /** The request URL as sent (for pagination links). */
  url: URL;
  /** The Authorization header as sent (JWT checks of the App's own endpoints). */
  authorization?: string;
}

export type Handler = (ctx: Ctx) => Reply;

/** Thrown by handlers; becomes a GitHub-shaped error body `{ message, documentation_url, status, errors? }`. */
export class FakeHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors?: unknown[],
  ) {
    super(message);
  }
}

export const notFound = (): FakeHttpError => new FakeHttpError(404, "Not Found");

/** GitHub's 422: "Validation Failed" with `errors`, or a plain message. */
export function unprocessable(message: string, errors?: unknown[]): FakeHttpError {
  return new FakeHttpError(422, message, errors);
}

export function getRepo(ctx: Ctx): RepoState {
  const repo = ctx.world.repos.get(repoKey(ctx.params.owner ?? "", ctx.params.repo ?? ""));
  if (!repo) throw notFound();
  return repo;
}

export function getIssue(ctx: Ctx, repo: RepoState, number = Number(ctx.params.issue_number)): Issue {
  const issue = repo.issues.get(number);
  if (!issue) throw notFound();
  return issue;
}

export function issueById(world: World, id: number): { repo: RepoState; issue: Issue } | undefined {
  const at = world.issueIndex.get(id);
  const repo = at && world.repos.get(at.repo);
  const issue = at && repo?.issues.get(at.number);
  return repo && issue ? { repo, issue } : undefined;
}

export const ok = (body: unknown, status = 200): Reply => ({ status, body });
export const noContent = (): Reply => ({ status: 204 });

/** Slices `items` by `page`/`per_page` (default 30, max 100) and sets a `link` header like GitHub's. */
export function paginate(ctx: Ctx, items: unknown[], wrap?: (page: unknown[]) => unknown): Reply {
  const perPage = Math.min(100, Math.max(1, Number(ctx.query.get("per_page") ?? 30) || 30));
  const page = Math.max(1, Number(ctx.query.get("page") ?? 1) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string) => {
    const u = new URL(ctx.url.href);
    u.searchParams.set("per_page", String(perPage));
    u.searchParams.set("page", String(p));
    return `<${u.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(page - 1, "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { status: 200, body: wrap ? wrap(slice) : slice, headers: links.length ? { link: links.join(", ") } : {} };
}
