import { sign } from "node:crypto";
import { APP_EVENTS, findMissingPermissions } from "./app-manifest.js";
import { findUnreachable, renderUnreachable } from "./find-unreachable.js";
import type { AppConfig } from "./read-app-env.js";

/** One check of the App's setup: what was checked, and one line saying what was found or how to fix it. */
export interface SetupCheck {
  check: "host" | "credentials" | "permissions" | "events" | "webhook" | "installations";
  ok: boolean;
  line: string;
}

interface AppJson {
  id: number;
  slug?: string;
  html_url?: string;
  permissions?: Record<string, string>;
  events?: string[];
}

interface InstallationJson {
  id: number;
  account?: { login?: string } | null;
  permissions?: Record<string, string>;
  events?: string[];
  suspended_at?: string | null;
  html_url?: string;
}

/**
 * Asks GitHub, as the App (a JWT signed with its key), whether the setup works: the host answers,
 * the key belongs to APP_ID, the App's webhook has a secret and a real URL, and the App and every
 * installation hold what app.yml asks for. Read-only.
 */
export async function diagnoseApp(
  config: AppConfig,
  options: { fetch?: typeof fetch; nowMs?: number } = {},
): Promise<SetupCheck[]> {
  const get = requester(config, options);
  const first = await get<AppJson>("/app");
  if ("unreachable" in first)
    return [{ check: "host", ok: false, line: renderUnreachable(config.baseUrl, first.unreachable) }];
  const checks: SetupCheck[] = [{ check: "host", ok: true, line: `GitHub answers at ${config.baseUrl}` }];
  if (first.status !== 200) {
    const line =
      first.status === 401
        ? `APP_ID/PRIVATE_KEY: GitHub refused the App's token (401 ${first.message}): the key does not belong to App ${config.appId}; check APP_ID, or generate a new private key on the App's settings page`
        : `GHE_HOST: ${config.baseUrl}/app answered ${first.status} ${first.message}: is this GitHub's API?`;
    return [...checks, { check: "credentials", ok: false, line }];
  }
  const app = first.data;
  const name = app.slug ?? String(app.id);
  const settings = app.html_url ?? "the App's settings page";
  checks.push({ check: "credentials", ok: true, line: `the key belongs to App ${name} (id ${app.id})` });
  checks.push(
    permissionCheck(
      `the App ${name}`,
      app.permissions,
      app.events,
      `edit the App's permissions and events at ${settings} (app.yml lists them)`,
    ),
  );

  const hook = await get<{ url?: string; secret?: string; content_type?: string }>("/app/hook/config");
  if ("unreachable" in hook || hook.status !== 200)
    checks.push({
      check: "webhook",
      ok: false,
      line: `webhook: could not read the App's webhook settings (${"status" in hook ? hook.status : hook.unreachable})`,
    });
  else checks.push(webhookCheck(hook.data, settings));

  const list = await get<InstallationJson[]>("/app/installations?per_page=100");
  if ("unreachable" in list || list.status !== 200) {
    checks.push({
      check: "installations",
      ok: false,
      line: `installations: could not list them (${"status" in list ? list.status : list.unreachable})`,
    });
    return checks;
  }
  if (list.data.length === 0)
    checks.push({
      check: "installations",
      ok: false,
      line: `installations: the App is installed nowhere: install it on the repositories it should run (${app.html_url ?? "its page"})`,
    });
  for (const inst of list.data) {
    const who = `the installation on ${inst.account?.login ?? "?"} (id ${inst.id})`;
    if (inst.suspended_at)
      checks.push({
        check: "installations",
        ok: false,
        line: `installations: ${who} is suspended: an owner can unsuspend it in the account's settings`,
      });
    else
      checks.push(
        permissionCheck(
          who,
          inst.permissions,
          inst.events,
          `an owner must accept the requested permissions at ${inst.html_url ?? "the account's installed Apps settings"}`,
        ),
      );
  }
  return checks;
}

function permissionCheck(
  who: string,
  permissions: Record<string, string> | undefined,
  events: string[] | undefined,
  fix: string,
): SetupCheck {
  const missing = findMissingPermissions(permissions);
  const noEvents = APP_EVENTS.filter((e) => !(events ?? []).includes(e));
  if (missing.length === 0 && noEvents.length === 0)
    return { check: "permissions", ok: true, line: `${who} has the permissions and events of app.yml` };
  const lacks = [
    missing.length > 0 && `permissions ${missing.join(", ")}`,
    noEvents.length > 0 && `events ${noEvents.join(", ")}`,
  ]
    .filter(Boolean)
    .join("; ");
  return {
    check: missing.length > 0 ? "permissions" : "events",
    ok: false,
    line: `permissions: ${who} lacks ${lacks}: ${fix}`,
  };
}

function webhookCheck(hook: { url?: string; secret?: string; content_type?: string }, settings: string): SetupCheck {
  if (!hook.secret)
    return {
      check: "webhook",
      ok: false,
      line: `WEBHOOK_SECRET: the App's webhook on GitHub has no secret: set the same value as WEBHOOK_SECRET at ${settings}`,
    };
  if (!hook.url || /example\.(invalid|com)|smee\.io\/new/.test(hook.url))
    return {
      check: "webhook",
      ok: false,
      line: `webhook: the App's webhook URL is "${hook.url ?? ""}", a placeholder: set the App's public URL + /api/github/webhooks at ${settings}`,
    };
  if (hook.content_type && hook.content_type !== "json")
    return {
      check: "webhook",
      ok: false,
      line: `webhook: the App's webhook sends ${hook.content_type}: choose application/json at ${settings}`,
    };
  return {
    check: "webhook",
    ok: true,
    line: `the App's webhook goes to ${hook.url} with a secret (GitHub does not show it: it must equal WEBHOOK_SECRET)`,
  };
}

type Answer<T> = { status: number; data: T; message: string } | { unreachable: string };

function requester(config: AppConfig, options: { fetch?: typeof fetch; nowMs?: number }) {
  const doFetch = options.fetch ?? globalThis.fetch;
  const jwt = appJwt(config, options.nowMs ?? Date.now());
  return async <T>(path: string): Promise<Answer<T>> => {
    try {
      const response = await doFetch(`${config.baseUrl}${path}`, {
        headers: {
          authorization: `Bearer ${jwt}`,
          accept: "application/vnd.github+json",
          "user-agent": "phasegate-doctor",
          "x-github-api-version": "2022-11-28",
        },
      });
      const text = await response.text();
      let data: (T & { message?: string }) | undefined;
      try {
        data = text ? JSON.parse(text) : undefined;
      } catch {
        // An HTML page or a proxy's answer: something answers there, but not GitHub's API.
        return { status: response.ok ? 502 : response.status, data: undefined as T, message: "(not GitHub's JSON)" };
      }
      return { status: response.status, data: data as T, message: String(data?.message ?? "") };
    } catch (error) {
      return { unreachable: findUnreachable(error) ?? String((error as Error).message) };
    }
  };
}

/** The App's JSON Web Token (RS256, 9 minutes, issued a minute back for clock skew). */
function appJwt(config: AppConfig, nowMs: number): string {
  const now = Math.floor(nowMs / 1000);
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const body = `${part({ alg: "RS256", typ: "JWT" })}.${part({ iat: now - 60, exp: now + 540, iss: String(config.appId) })}`;
  return `${body}.${sign("RSA-SHA256", Buffer.from(body), config.privateKey).toString("base64url")}`;
}
