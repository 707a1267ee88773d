import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseEnv } from "node:util";
import { emit, EXIT, UsageError } from "../output.js";
import { plainCommand } from "./command.js";

const USAGE = "phasegate doctor [--env-file .env] [--json]";

/**
 * The App's setup, checked as `npm start -- --check` does: the environment (and `.env`, as `npm start`
 * reads it), then GitHub itself: the host, the key against APP_ID, the webhook, the installations'
 * permissions against app.yml.
 */
export const doctorCommand = plainCommand({
  name: "doctor",
  usage: USAGE,
  summary:
    "Check the GitHub App's setup: APP_ID, the private key, WEBHOOK_SECRET, GHE_HOST, and the permissions of the App and its installations against app.yml. Exit 1 when something needs fixing.",
  options: { "env-file": { type: "string" } },
  async run({ args, io, env, cwd }) {
    const given = typeof args.values["env-file"] === "string" ? args.values["env-file"] : undefined;
    const file = resolve(cwd, given ?? ".env");
    if (given !== undefined && !existsSync(file)) throw new UsageError(`--env-file: no file at ${file}`);
    // The environment wins over the file, as with `npm start` (process.loadEnvFile).
    const vars = { ...(existsSync(file) ? parseEnv(readFileSync(file, "utf8")) : {}), ...env.env };
    const { diagnoseApp, readAppEnv } = await import("../../github/index.js");
    const { config, problems } = readAppEnv(vars, (path) => readFileSync(resolve(cwd, path), "utf8"));
    if (!config) {
      emit(io, { ok: false, problems }, problems.map((p) => `FAIL ${p.line}\n`).join(""));
      return EXIT.refused;
    }
    const checks = await diagnoseApp(config, env.fetch ? { fetch: env.fetch } : {});
    const ok = checks.every((c) => c.ok);
    emit(io, { ok, checks }, checks.map((c) => `${c.ok ? "ok  " : "FAIL"} ${c.line}\n`).join(""));
    return ok ? EXIT.ok : EXIT.refused;
  },
});
