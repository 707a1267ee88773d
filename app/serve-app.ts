import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { run, type Server } from "probot";
import { diagnoseApp, readAppEnv, type SetupCheck } from "../github/index.js";
import app from "./index.js";

export interface ServeOptions {
  argv: string[];
  env: Record<string, string | undefined>;
  cwd: string;
  /** One line of output (the check's findings, the refusal); `npm start` writes them to stderr. */
  print: (line: string) => void;
  /** For `--check` against a fake GitHub in tests. */
  fetch?: typeof fetch;
}

/**
 * `npm start`: the App on Probot's server, but only once its environment is right. `--check` asks
 * GitHub whether the setup works; `--setup` runs Probot's App-from-manifest flow. No path ever
 * listens with Probot's default webhook secret.
 */
export async function serveApp(o: ServeOptions): Promise<{ code: number; server?: Server }> {
  const mode = o.argv.find((a) => a !== "--");
  if (mode !== undefined && mode !== "--check" && mode !== "--setup") {
    o.print(
      `npm start: unknown argument "${mode}": use no argument to run the App, -- --check to check its setup, -- --setup to create it`,
    );
    return { code: 2 };
  }
  const { config, problems } = readAppEnv(o.env, (path) => readFileSync(resolve(o.cwd, path), "utf8"));
  if (mode === "--setup") return setup(o);
  if (!config) {
    o.print(
      `Phasegate cannot start: ${problems.length === 1 ? "one setting is" : `${problems.length} settings are`} wrong (set them in the environment or .env; docs/deploy.md):`,
    );
    for (const p of problems) o.print(`  ${p.line}`);
    if (mode !== "--check") o.print("Then run `npm start -- --check` to verify the setup with GitHub.");
    return { code: 1 };
  }
  if (mode === "--check") {
    const checks = await diagnoseApp(config, o.fetch ? { fetch: o.fetch } : {});
    for (const c of checks) o.print(renderCheck(c));
    return { code: checks.every((c) => c.ok) ? 0 : 1 };
  }
  const env = {
    ...o.env,
    APP_ID: String(config.appId),
    PRIVATE_KEY: config.privateKey,
    PRIVATE_KEY_PATH: undefined,
    WEBHOOK_SECRET: config.secret,
  };
  return { code: 0, server: await run(app, { env }) };
}

/** `ok   …` or `FAIL …`: one line per check. */
export function renderCheck(check: SetupCheck): string {
  return `${check.ok ? "ok  " : "FAIL"} ${check.line}`;
}

async function setup(o: ServeOptions): Promise<{ code: number; server?: Server }> {
  if (o.env.NODE_ENV === "production") {
    o.print(
      "npm start -- --setup: NODE_ENV is production; the setup flow needs a browser on this machine: run it locally, then give the App's settings to the server",
    );
    return { code: 1 };
  }
  if (o.env.APP_ID?.trim()) {
    o.print(
      `npm start -- --setup: APP_ID is already set (${o.env.APP_ID}), so the App exists: run \`npm start -- --check\`, or remove APP_ID and the key from .env to create another App`,
    );
    return { code: 1 };
  }
  // The setup page only creates the App; until it is restarted with the new secret, no webhook is
  // accepted: the server gets a random secret, never Probot's "development".
  const env = {
    ...o.env,
    APP_ID: "",
    PRIVATE_KEY: "",
    PRIVATE_KEY_PATH: "",
    WEBHOOK_SECRET: randomBytes(32).toString("hex"),
  };
  return { code: 0, server: await run(app, { env }) };
}
