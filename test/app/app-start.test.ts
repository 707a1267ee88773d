/** `npm start`, `--check` and `--setup`: refusals in one line, never a default secret, checks with GitHub. */
import { createHmac, createPublicKey, generateKeyPairSync } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Server } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { serveApp } from "../../app/serve-app.js";
import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { privateKey } from "./app-instance.js";

const publicKey = generateKeyPairSync("rsa", { modulusLength: 2048 });
const otherKey = publicKey.privateKey.export({ type: "pkcs1", format: "pem" }) as string;
const cwd = mkdtempSync(join(tmpdir(), "pg-start-"));
const base = {
  APP_ID: "1",
  PRIVATE_KEY: privateKey,
  WEBHOOK_SECRET: "s3cret-value",
  LOG_LEVEL: "fatal",
  NO_SMEE_SETUP: "true",
  HOST: "127.0.0.1",
};
let running: Server | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
  vi.unstubAllEnvs();
});

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const { port } = s.address() as { port: number };
  await new Promise((r) => s.close(r));
  return port;
}

async function start(argv: string[], env: Record<string, string | undefined>, fetch?: typeof globalThis.fetch) {
  const lines: string[] = [];
  const result = await serveApp({ argv, env, cwd, print: (l) => lines.push(l), ...(fetch && { fetch }) });
  running = result.server;
  return { ...result, lines };
}

async function post(port: number, secret: string): Promise<number> {
  const body = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
  const signature = `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
  const response = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "ping",
      "x-github-delivery": "d1",
      "x-hub-signature-256": signature,
    },
    body,
  });
  return response.status;
}

describe("npm start", () => {
  it.each([
    ["a malformed PRIVATE_KEY", { PRIVATE_KEY: "not a key" }, "PRIVATE_KEY"],
    ["a missing PRIVATE_KEY_PATH file", { PRIVATE_KEY: undefined, PRIVATE_KEY_PATH: "gone.pem" }, "PRIVATE_KEY_PATH"],
    ["APP_ID=abc", { APP_ID: "abc" }, "APP_ID"],
    ["the default secret", { WEBHOOK_SECRET: "development" }, "WEBHOOK_SECRET"],
  ])(
    "stops on %s in production with one line naming the variable, and does not listen",
    async (_, change, variable) => {
      vi.stubEnv("NODE_ENV", "production");
      const port = await freePort();
      const { code, server, lines } = await start([], {
        ...base,
        ...change,
        PORT: String(port),
        NODE_ENV: "production",
      });
      expect(code).toBe(1);
      expect(server).toBeUndefined();
      expect(lines.filter((l) => l.startsWith("  "))).toEqual([expect.stringMatching(new RegExp(`^  ${variable}: `))]);
      expect(lines.join("\n")).not.toMatch(/at .*\.js:\d+|Certificate is missing/);
      await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow();
    },
  );

  it("listens with WEBHOOK_SECRET only: Probot's default secret is refused", async () => {
    const port = await freePort();
    const { server } = await start([], { ...base, PORT: String(port) });
    expect(server).toBeDefined();
    expect(await post(port, "development")).toBe(400);
    expect(await post(port, "s3cret-value")).toBe(200);
  });

  it("--setup accepts no webhook signed with the default secret", async () => {
    // Probot's setup flow reads this one from process.env (else it fetches smee-client through npx).
    vi.stubEnv("NO_SMEE_SETUP", "true");
    const port = await freePort();
    const { server } = await start(["--setup"], {
      LOG_LEVEL: "fatal",
      NO_SMEE_SETUP: "true",
      HOST: "127.0.0.1",
      PORT: String(port),
    });
    expect(server).toBeDefined();
    expect(await post(port, "development")).toBe(400);
  });

  it.each([
    ["the App exists already", { ...base }, /APP_ID is already set/],
    ["NODE_ENV=production", { NODE_ENV: "production" }, /NODE_ENV is production/],
  ])("--setup is refused when %s", async (_, env, message) => {
    const { code, server, lines } = await start(["--setup"], env);
    expect([code, server, lines]).toEqual([1, undefined, [expect.stringMatching(message)]]);
  });

  it("an unknown argument is a usage error", async () => {
    expect((await start(["--chek"], base)).code).toBe(2);
  });
});

describe("npm start -- --check", () => {
  function fake() {
    const gh = createFakeGitHub();
    gh.world.app.publicKey = generatePublicPem(privateKey);
    return gh;
  }

  it("passes a good setup: host, credentials, permissions, webhook, the installation", async () => {
    const gh = fake();
    const { code, lines } = await start(["--check"], base, gh.fetch);
    expect(lines.every((l) => l.startsWith("ok "))).toBe(true);
    expect(lines).toHaveLength(5);
    expect(code).toBe(0);
  });

  it.each([
    [
      "a key of another App",
      (_: ReturnType<typeof fake>) => ({ PRIVATE_KEY: otherKey }),
      /^FAIL APP_ID\/PRIVATE_KEY: .*401/,
    ],
    ["another App's id", () => ({ APP_ID: "77" }), /^FAIL APP_ID\/PRIVATE_KEY: .*401/],
    [
      "a webhook without a secret",
      (gh: ReturnType<typeof fake>) => ((gh.world.app.hook.secret = false), {}),
      /^FAIL WEBHOOK_SECRET: .*no secret/,
    ],
    [
      "app.yml's placeholder URL",
      (gh: ReturnType<typeof fake>) => ((gh.world.app.hook.url = "https://example.invalid/api/github/webhooks"), {}),
      /^FAIL webhook: .*placeholder/,
    ],
    [
      "an installation that did not accept contents: write",
      (gh: ReturnType<typeof fake>) => ((gh.world.app.installations[0]!.permissions.contents = "read"), {}),
      /^FAIL permissions: the installation on acme .*contents: write/,
    ],
    [
      "an App without the issues event",
      (gh: ReturnType<typeof fake>) => ((gh.world.app.events = gh.world.app.events.filter((e) => e !== "issues")), {}),
      /^FAIL permissions: the App .*events issues/,
    ],
    [
      "no installation",
      (gh: ReturnType<typeof fake>) => ((gh.world.app.installations = []), {}),
      /^FAIL installations: .*installed nowhere/,
    ],
    [
      "a suspended installation",
      (gh: ReturnType<typeof fake>) => ((gh.world.app.installations[0]!.suspended = true), {}),
      /^FAIL installations: .*suspended/,
    ],
  ])("names the problem: %s", async (_, arrange, line) => {
    const gh = fake();
    const change = arrange(gh);
    const { code, lines } = await start(["--check"], { ...base, ...change }, gh.fetch);
    expect(code).toBe(1);
    expect(lines.filter((l) => l.startsWith("FAIL"))).toEqual([expect.stringMatching(line)]);
  });

  it("an unreachable host is one line naming GHE_HOST", async () => {
    const unreachable: typeof fetch = async () => {
      throw new TypeError("fetch failed", {
        cause: Object.assign(new Error("getaddrinfo ENOTFOUND ghe.wrong.test"), { code: "ENOTFOUND" }),
      });
    };
    const { code, lines } = await start(["--check"], { ...base, GHE_HOST: "ghe.wrong.test" }, unreachable);
    expect(code).toBe(1);
    expect(lines).toEqual([
      expect.stringMatching(/^FAIL GHE_HOST: cannot reach GitHub at https:\/\/ghe\.wrong\.test\/api\/v3 \(ENOTFOUND\)/),
    ]);
  });

  it("a host that answers with something else than GitHub's API", async () => {
    const html: typeof fetch = async () => new Response("<html>hello</html>", { status: 200 });
    const { lines } = await start(["--check"], { ...base, GHE_HOST: "intranet.acme.test" }, html);
    expect(lines.at(-1)).toMatch(/^FAIL GHE_HOST: .* is this GitHub's API\?/);
  });
});

function generatePublicPem(pem: string): string {
  return createPublicKey(pem).export({ type: "spki", format: "pem" }) as string;
}
