import type { Octokit } from "@octokit/core";
import type { Clock } from "../core/index.js";
import { ETagCache } from "./etag-cache.js";
import { findUnreachable } from "./find-unreachable.js";
import { GitHubError, toGitHubError, type Headers } from "./github-error.js";
import { WritePacer, type PaceLimits } from "./pace-writes.js";

/** What the adapters need of an Octokit: `@octokit/rest`'s, `@actions/github`'s or Probot's `context.octokit`. */
export type OctokitLike = Pick<Octokit, "request">;

export interface GitHubClientOptions {
  octokit: OctokitLike;
  clock: Clock;
  /** Random numbers in [0, 1) for back-off jitter (injectable so tests repeat). */
  random?: () => number;
  /** Attempts for one request on 5xx or a network error (default 4), and waits on rate limits. */
  maxAttempts?: number;
  /** Longest rate-limit wait obeyed; a longer one is thrown as GitHubError with `retryAfterMs`. */
  maxWaitMs?: number;
  /** Pacing of writes (default GitHub's 80/minute, 500/hour); `false` turns it off. */
  pace?: PaceLimits | false;
}

export interface RequestOptions<T> {
  /**
   * For creates (POST): after a 5xx or a lost response, looks the object up (by its marker) before
   * anything is sent again, because a create whose response was lost took effect. Found → the result.
   */
  recover?: () => Promise<T | undefined>;
  /** A POST that is safe to send twice (git objects are content-addressed; reactions are idempotent). */
  idempotent?: boolean;
  /**
   * Send at once, without waiting for the pacer: for the few requests that must not be put off
   * (releasing the sync lease when a delivery's time is up). GitHub's `retry-after` still applies.
   */
  unpaced?: boolean;
  /** A POST that only reads (a GraphQL query): counted as a read. */
  read?: boolean;
}

export interface GitHubResponse<T> {
  status: number;
  data: T;
  headers: Headers;
}

export interface ClientStats {
  reads: number;
  writes: number;
  /** GETs answered 304 from the ETag cache (they do not count against the primary rate limit). */
  notModified: number;
  retries: number;
  /** Virtual ms spent in back-off, rate-limit waits and pacing. */
  waitedMs: number;
}

const IDEMPOTENT = new Set(["GET", "HEAD", "PATCH", "PUT", "DELETE"]);

/**
 * The one way the adapters reach GitHub: counts requests, turns errors into GitHubError, retries
 * what is safe to retry, obeys rate limits, paces writes and revalidates GETs with ETags
 * (https://docs.github.com/rest/using-the-rest-api/best-practices-for-using-the-rest-api).
 */
export class GitHubClient {
  readonly stats: ClientStats = { reads: 0, writes: 0, notModified: 0, retries: 0, waitedMs: 0 };
  private readonly octokit: OctokitLike;
  private readonly clock: Clock;
  private readonly random: () => number;
  private readonly maxAttempts: number;
  private readonly maxWaitMs: number;
  private readonly pacer: WritePacer | undefined;
  private readonly etags = new ETagCache();

  constructor(options: GitHubClientOptions) {
    this.octokit = options.octokit;
    this.clock = options.clock;
    this.random = options.random ?? Math.random;
    this.maxAttempts = options.maxAttempts ?? 4;
    this.maxWaitMs = options.maxWaitMs ?? 300_000;
    this.pacer = options.pace === false ? undefined : new WritePacer(options.clock, options.pace);
  }

  /** One request, `route` as in `octokit.request` ("GET /repos/{owner}/{repo}") or "GET <absolute url>". */
  async request<T = any>(
    route: string,
    params: Record<string, unknown> = {},
    options: RequestOptions<T> = {},
  ): Promise<GitHubResponse<T>> {
    const endpoint = this.octokit.request.endpoint(route, params);
    const method = endpoint.method.toUpperCase();
    const url = endpoint.url;
    const safe = IDEMPOTENT.has(method) || options.idempotent === true;
    for (let attempt = 1, limited = 0; ;) {
      if (method !== "GET" && options.unpaced !== true) await this.pace();
      const cached = method === "GET" ? this.etags.get(url) : undefined;
      const given = (params.headers ?? {}) as Record<string, string>;
      const headers = cached ? { ...given, "if-none-match": cached.etag } : given;
      if (method === "GET" || options.read) this.stats.reads++;
      else this.stats.writes++;
      try {
        // `retries: 0`: a handed-in Octokit with the retry plugin (Probot's) must not resend a POST.
        const response = await this.octokit.request(route, { ...params, headers, request: { retries: 0 } });
        const result = { status: response.status, data: response.data as T, headers: response.headers as Headers };
        if (method === "GET") this.etags.put(url, result);
        return result;
      } catch (thrown) {
        if (cached && (thrown as { status?: number }).status === 304) {
          this.stats.notModified++;
          return { status: 200, data: cached.data as T, headers: cached.headers };
        }
        const error = toGitHubError(thrown, method, url, this.clock.now().getTime());
        if (error.retryAfterMs !== undefined) {
          // Rate limited: GitHub did not run the request, so any method may be sent again.
          if (++limited > this.maxAttempts || error.retryAfterMs > this.maxWaitMs) throw error;
          await this.wait(error.retryAfterMs + 1_000);
          continue;
        }
        if (!(error.status === 0 || error.status >= 500) || attempt >= this.maxAttempts) throw error;
        // A host that does not resolve or refuses connections is a setting, not a passing fault.
        if (error.status === 0 && findUnreachable(thrown) !== undefined) throw error;
        if (options.recover) {
          const found = await options.recover();
          if (found !== undefined) return { status: 200, data: found, headers: {} };
        } else if (!safe) throw error;
        await this.wait(this.backoff(attempt++));
      }
    }
  }

  /**
   * One GraphQL document (https://docs.github.com/graphql/guides/forming-calls-with-graphql). A query
   * only reads: it is not paced, is sent again after a 5xx or a lost response, and counts as a read. A
   * mutation is a write: paced, and after a lost response settled by `recover` (it may have landed).
   * GraphQL answers its errors with 200 and `errors`: they are thrown as a GitHubError with status 422
   * and GitHub's error types as codes.
   */
  async graphql<T>(
    query: string,
    variables: Record<string, unknown>,
    options: {
      mutation?: boolean;
      recover?: () => Promise<T | undefined>;
      /** Errors at these paths are not thrown when there is data (the field is then null). */
      tolerate?: (path: readonly (string | number)[]) => boolean;
    } = {},
  ): Promise<T> {
    type Answer = { data?: T | null; errors?: { type?: string; message: string; path?: (string | number)[] }[] };
    const recover = options.recover;
    // GitHub Enterprise Server answers GraphQL at /api/graphql, beside (not under) /api/v3.
    const base = String(this.octokit.request.endpoint.DEFAULTS?.baseUrl ?? "");
    const route = /\/api\/v3\/?$/.test(base)
      ? `POST ${base.replace(/\/api\/v3\/?$/, "/api/graphql")}`
      : "POST /graphql";
    const { data } = await this.request<Answer>(
      route,
      { query, variables },
      options.mutation
        ? {
            ...(recover && {
              recover: async () => ((found) => (found === undefined ? undefined : { data: found }))(await recover()),
            }),
          }
        : { idempotent: true, unpaced: true, read: true },
    );
    const fatal = (data.errors ?? []).filter((e) => !options.tolerate?.(e.path ?? []));
    if (fatal.length || !data.data) {
      const errors = fatal.map((e) => ({ code: e.type ?? "", message: e.message }));
      throw new GitHubError({
        status: 422,
        method: "POST",
        url: "graphql",
        message: errors.map((e) => `${e.code}: ${e.message}`).join("; ") || "no data",
        errors,
      });
    }
    return data.data;
  }

  /** Every item of a list (or the pages holding its first `limit`), following `link: rel="next"` (each page counted, retried and ETag-checked). */
  async paginate<T = any>(
    route: string,
    params: Record<string, unknown> = {},
    key?: string,
    limit = Infinity,
  ): Promise<T[]> {
    const items: T[] = [];
    let response = await this.request(route, { per_page: 100, ...params });
    for (let page = 1; ; page++) {
      const data = key === undefined ? response.data : response.data?.[key];
      items.push(...((data ?? []) as T[]));
      const next = /<([^>]+)>;\s*rel="next"/.exec(String(response.headers.link ?? ""))?.[1];
      if (!next || page >= 1_000 || items.length >= limit) return items;
      response = await this.request(`GET ${next}`);
    }
  }

  /** Exponential back-off from 500 ms, capped at 8 s, with full jitter. */
  private backoff(attempt: number): number {
    this.stats.retries++;
    return Math.round(Math.min(8_000, 500 * 2 ** (attempt - 1)) * (0.5 + this.random() / 2));
  }

  private async pace(): Promise<void> {
    if (!this.pacer) return;
    const before = this.pacer.waitedMs;
    await this.pacer.admit();
    this.stats.waitedMs += this.pacer.waitedMs - before;
  }

  private async wait(ms: number): Promise<void> {
    this.stats.waitedMs += ms;
    await this.clock.sleep(ms);
  }
}

export { GitHubError };
