import { createPrivateKey } from "node:crypto";

/** What the App needs to run, read and checked from its environment. */
export interface AppConfig {
  appId: number;
  /** The private key, normalised to PKCS#1 PEM with real newlines. */
  privateKey: string;
  secret: string;
  /** `https://api.github.com`, or `<GHE_PROTOCOL>://<GHE_HOST>/api/v3`. */
  baseUrl: string;
}

/** One misconfiguration: the variable, and one line saying what is wrong and how to fix it. */
export interface SetupProblem {
  variable: string;
  line: string;
}

export type Env = Record<string, string | undefined>;

/** Reads a file's text; throws Node's error (ENOENT, EISDIR, EACCES) as `fs.readFileSync` does. */
export type ReadFile = (path: string) => string;

const SETTINGS = "the App's settings page (GitHub → Settings → Developer settings → GitHub Apps → the App)";
const KEY_FIX = `download a private key from ${SETTINGS} and set PRIVATE_KEY_PATH to the .pem file (or PRIVATE_KEY to its contents)`;

/**
 * Checks the App's environment the way Probot will read it, but says what is wrong instead of
 * printing a stack trace or opening the setup page: every problem at once, one line each.
 */
export function readAppEnv(env: Env, readFile: ReadFile): { config?: AppConfig; problems: SetupProblem[] } {
  const problems: SetupProblem[] = [];
  const problem = (variable: string, line: string) => problems.push({ variable, line: `${variable}: ${line}` });

  const id = env.APP_ID?.trim() ?? "";
  if (id === "")
    problem("APP_ID", `not set: copy the App ID from ${SETTINGS}, or create the App with \`npm start -- --setup\``);
  else if (!/^[1-9]\d{0,11}$/.test(id))
    problem(
      "APP_ID",
      `"${env.APP_ID}" is not an App ID (a whole number): copy the App ID from ${SETTINGS}, not the client ID or the name`,
    );

  const privateKey = readKey(env, readFile, problem);

  const secret = env.WEBHOOK_SECRET ?? "";
  if (secret.trim() === "")
    problem(
      "WEBHOOK_SECRET",
      `not set: set it to the webhook secret of ${SETTINGS}; without one anyone could send the App events`,
    );
  else if (secret === "development")
    problem(
      "WEBHOOK_SECRET",
      `is Probot's default "development", which anyone can sign with: generate one (openssl rand -hex 32) and set it here and on ${SETTINGS}`,
    );
  else if (secret !== secret.trim())
    problem(
      "WEBHOOK_SECRET",
      "has spaces or a line break at an end (a copy mistake?): GitHub signs with the exact secret, so remove them",
    );

  const baseUrl = readHost(env, problem);
  const port = env.PORT?.trim();
  if (port && (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65_535))
    problem("PORT", `"${env.PORT}" is not a port number: use a number from 1 to 65535, or leave it unset for 3000`);
  if (env.LOG_LEVEL && !["trace", "debug", "info", "warn", "error", "fatal"].includes(env.LOG_LEVEL))
    problem("LOG_LEVEL", `"${env.LOG_LEVEL}" is not a level: use trace, debug, info, warn, error or fatal`);
  if (env.LOG_FORMAT && !["json", "pretty"].includes(env.LOG_FORMAT))
    problem("LOG_FORMAT", `"${env.LOG_FORMAT}" is not a format: use json or pretty`);

  if (problems.length > 0 || privateKey === undefined || baseUrl === undefined) return { problems };
  return { config: { appId: Number(id), privateKey, secret, baseUrl }, problems };
}

type Report = (variable: string, line: string) => void;

function readKey(env: Env, readFile: ReadFile, problem: Report): string | undefined {
  const inline = env.PRIVATE_KEY?.trim() ? env.PRIVATE_KEY : undefined;
  const path = env.PRIVATE_KEY_PATH?.trim() ? env.PRIVATE_KEY_PATH : undefined;
  if (inline !== undefined && path !== undefined) {
    problem("PRIVATE_KEY", "and PRIVATE_KEY_PATH are both set: keep one, so there is no doubt which key the App uses");
    return undefined;
  }
  if (inline !== undefined) {
    const key = parseKey(inline);
    if (typeof key === "string") return key;
    problem("PRIVATE_KEY", `is not an RSA private key in PEM form (${key.reason}): ${KEY_FIX}`);
    return undefined;
  }
  if (path === undefined) {
    problem("PRIVATE_KEY_PATH", `not set (nor PRIVATE_KEY): ${KEY_FIX}`);
    return undefined;
  }
  let text: string;
  try {
    text = readFile(path);
  } catch (error) {
    const code = (error as { code?: string }).code;
    const what =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "is a folder"
          : code === "EACCES"
            ? "not readable (permissions)"
            : String((error as Error).message);
    problem("PRIVATE_KEY_PATH", `"${path}": ${what}: ${KEY_FIX}`);
    return undefined;
  }
  const key = parseKey(text);
  if (typeof key === "string") return key;
  problem("PRIVATE_KEY_PATH", `"${path}" is not an RSA private key in PEM form (${key.reason}): ${KEY_FIX}`);
  return undefined;
}

/** The forms Probot accepts: PEM, PEM with `\n` escapes, PEM on one line, or base64 of PEM. */
function parseKey(given: string): string | { reason: string } {
  let text = given.trim();
  if (!text.includes("-----BEGIN") && /^[A-Za-z0-9+/=\s]+$/.test(text))
    text = Buffer.from(text, "base64").toString("utf8").trim();
  text = text.replace(/\\n/g, "\n");
  const oneLine = /^(-----BEGIN [A-Z ]+-----)\s*(.+?)\s*(-----END [A-Z ]+-----)$/.exec(text);
  if (oneLine && !text.includes("\n")) text = `${oneLine[1]}\n${oneLine[2]!.replace(/\s+/g, "\n")}\n${oneLine[3]}`;
  if (!text.includes("-----BEGIN")) return { reason: "no -----BEGIN line" };
  if (/BEGIN (RSA )?PUBLIC KEY|BEGIN CERTIFICATE/.test(text)) return { reason: "this is a public key or certificate" };
  try {
    const key = createPrivateKey(text);
    if (key.asymmetricKeyType !== "rsa") return { reason: `a ${key.asymmetricKeyType} key; GitHub Apps use RSA` };
    return key.export({ type: "pkcs1", format: "pem" }) as string;
  } catch (error) {
    const message = String((error as Error).message).split("\n")[0] ?? "";
    return { reason: /passphrase/i.test(message) ? "it is encrypted with a passphrase" : "it does not decode" };
  }
}

function readHost(env: Env, problem: Report): string | undefined {
  const protocol = env.GHE_PROTOCOL?.trim() || "https";
  if (protocol !== "https" && protocol !== "http") {
    problem("GHE_PROTOCOL", `"${env.GHE_PROTOCOL}" is not a protocol: use https (or http), without "://"`);
    return undefined;
  }
  const host = env.GHE_HOST?.trim();
  if (!host) return "https://api.github.com";
  if (!/^[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\d{1,5})?$/.test(host)) {
    problem(
      "GHE_HOST",
      `"${env.GHE_HOST}" is not a host name: give only the host of GitHub Enterprise Server (ghe.example.com), no https:// or path; leave it unset for github.com`,
    );
    return undefined;
  }
  if (/^(api\.)?github\.com$/i.test(host)) {
    problem(
      "GHE_HOST",
      `"${host}" is github.com itself: leave GHE_HOST unset for github.com; it is only for GitHub Enterprise Server`,
    );
    return undefined;
  }
  return `${protocol}://${host}/api/v3`;
}
