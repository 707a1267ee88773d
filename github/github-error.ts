/**
 * The one error the GitHub adapters throw: what was asked, what GitHub said, and the request id
 * GitHub Support asks for (`x-github-request-id`).
 */
export class GitHubError extends Error {
  override readonly name = "GitHubError";
  /** HTTP status; 0 when no response arrived (timeout, dropped connection). */
  readonly status: number;
  readonly requestId: string | undefined;
  /** How long GitHub asked us to wait (`retry-after` or `x-ratelimit-reset`), when it did. */
  readonly retryAfterMs: number | undefined;
  readonly method: string;
  readonly url: string;
  /** GitHub's validation errors on a 422 (`{ code: "already_exists", field: "name" }`, …). */
  readonly errors: readonly { code?: string; field?: string; message?: string }[];

  constructor(init: {
    status: number;
    method: string;
    url: string;
    message: string;
    requestId?: string | undefined;
    retryAfterMs?: number | undefined;
    errors?: readonly { code?: string; field?: string; message?: string }[];
    cause?: unknown;
  }) {
    super(`${init.method} ${init.url}: ${init.status || "no response"} ${init.message}`, { cause: init.cause });
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.requestId = init.requestId;
    this.retryAfterMs = init.retryAfterMs;
    this.errors = init.errors ?? [];
  }

  /** A 422 whose message or errors mention `text` (GitHub words these inconsistently). */
  says(text: string): boolean {
    const all = [this.message, ...this.errors.map((e) => `${e.code ?? ""} ${e.message ?? ""}`)].join(" ");
    return all.toLowerCase().includes(text.toLowerCase());
  }
}

/** Header values as Octokit gives them (lower-case names). */
export type Headers = Record<string, string | number | undefined>;

/**
 * How long a 403/429 asks us to wait, or undefined when it is not a rate limit (a permission 403).
 * https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit
 */
export function rateLimitWait(status: number, headers: Headers, message: string, nowMs: number): number | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers["retry-after"]);
  if (headers["retry-after"] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter * 1000);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (String(headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset))
    return Math.max(0, reset * 1000 - nowMs);
  // A secondary limit without headers: GitHub says to wait at least a minute.
  if (/secondary rate limit|abuse/i.test(message)) return 60_000;
  return status === 429 ? 60_000 : undefined;
}

/** Converts whatever Octokit threw into a GitHubError. */
export function toGitHubError(error: unknown, method: string, url: string, nowMs: number): GitHubError {
  const e = error as {
    status?: number;
    message?: string;
    response?: { headers?: Headers; data?: { message?: string; errors?: unknown } };
  };
  const response = e.response;
  const headers = response?.headers ?? {};
  const status = response ? (e.status ?? 0) : 0;
  const message = response?.data?.message ?? e.message ?? String(error);
  const errors = Array.isArray(response?.data?.errors) ? (response.data.errors as GitHubError["errors"]) : [];
  const requestId = headers["x-github-request-id"];
  return new GitHubError({
    status,
    method,
    url,
    message,
    errors,
    cause: error,
    requestId: requestId === undefined ? undefined : String(requestId),
    retryAfterMs: rateLimitWait(status, headers, message, nowMs),
  });
}
