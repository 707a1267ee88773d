/**
 * Errors that mean GitHub's host cannot be reached at all (a wrong GHE_HOST, no route, a TLS
 * certificate that does not match): retrying does not help, and the fix is a setting.
 */
const UNREACHABLE = new Set([
  "ENOTFOUND",
  "ECONNREFUSED",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/**
 * The system error code when `error` (or anything in its `cause` chain, or an AggregateError's
 * errors) says the host is unreachable; undefined otherwise. fetch wraps these as
 * `TypeError: fetch failed` with the code on its cause; Octokit wraps that again.
 */
export function findUnreachable(error: unknown): string | undefined {
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length > 0 && seen.size < 50) {
    const e = queue.shift();
    if (e === null || typeof e !== "object" || seen.has(e)) continue;
    seen.add(e);
    const { code, cause, errors, message } = e as {
      code?: unknown;
      cause?: unknown;
      errors?: unknown;
      message?: unknown;
    };
    if (typeof code === "string" && UNREACHABLE.has(code)) return code;
    const named =
      typeof message === "string" ? /\b(ENOTFOUND|ECONNREFUSED|EHOSTUNREACH|ENETUNREACH)\b/.exec(message) : null;
    if (named) return named[1];
    queue.push(cause, ...(Array.isArray(errors) ? errors : []));
  }
  return undefined;
}

/** The one line that names the setting when GitHub at `baseUrl` cannot be reached. */
export function renderUnreachable(baseUrl: string, code: string): string {
  const setting = baseUrl.startsWith("https://api.github.com")
    ? "the machine's network or proxy (GHE_HOST is unset, so this is github.com)"
    : "GHE_HOST and GHE_PROTOCOL";
  return `GHE_HOST: cannot reach GitHub at ${baseUrl} (${code}): check ${setting}`;
}
