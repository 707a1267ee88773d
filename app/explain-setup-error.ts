import { findUnreachable, GitHubError, renderUnreachable } from "../github/index.js";

/** A delivery that failed because of the App's setup: one line naming the setting, no payload, no stack. */
export class SetupError extends Error {
  override readonly name = "SetupError";
  constructor(message: string) {
    super(message);
    // Probot logs an error's stack; this one is the line itself.
    this.stack = `SetupError: ${message}`;
  }
}

/**
 * `error` as a SetupError when a setting is its cause (GitHub's host unreachable, the App's
 * credentials refused); otherwise `error` itself. `baseUrl` is the API the App talks to.
 */
export function explainSetupError(error: unknown, baseUrl: string): unknown {
  const code = findUnreachable(error);
  if (code !== undefined) return new SetupError(`${renderUnreachable(baseUrl, code)}; then \`npm start -- --check\``);
  if (isTokenRefused(error))
    return new SetupError(
      "APP_ID/PRIVATE_KEY: GitHub refused the App's credentials (401) when asking for an installation token: check APP_ID and the key with `npm start -- --check`",
    );
  return error;
}

function isTokenRefused(error: unknown): boolean {
  for (let e = error, depth = 0; e && depth < 10; e = (e as { cause?: unknown }).cause, depth++) {
    const { status, url, request } = e as { status?: number; url?: string; request?: { url?: string } };
    const target = e instanceof GitHubError ? url : request?.url;
    if (status === 401 && /\/app\/installations\/\d+\/access_tokens/.test(target ?? "")) return true;
  }
  return false;
}
