/** The App's environment: every misconfiguration is one line naming the variable and the fix. */
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readAppEnv } from "../../github/read-app-env.js";
import { APP_EVENTS, APP_PERMISSIONS } from "../../github/app-manifest.js";
import { privateKey } from "./app-instance.js";

const dir = mkdtempSync(join(tmpdir(), "pg-env-"));
writeFileSync(join(dir, "key.pem"), privateKey);
writeFileSync(
  join(dir, "public.pem"),
  generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }),
);
const read = (path: string) => readFileSync(join(dir, path), "utf8");
const good = { APP_ID: "12345", PRIVATE_KEY_PATH: "key.pem", WEBHOOK_SECRET: "s3cret-value" };
const ecKey = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({
  type: "pkcs8",
  format: "pem",
}) as string;
const body = privateKey.split("\n").slice(1, -2).join("");

describe("readAppEnv", () => {
  it.each([
    ["APP_ID", { APP_ID: undefined }],
    ["APP_ID", { APP_ID: "abc" }],
    ["APP_ID", { APP_ID: "Iv1.8a61f9b3a7aba766" }],
    ["APP_ID", { APP_ID: "-3" }],
    ["APP_ID", { APP_ID: "12.5" }],
    ["PRIVATE_KEY", { PRIVATE_KEY_PATH: undefined, PRIVATE_KEY: "abc" }],
    ["PRIVATE_KEY", { PRIVATE_KEY_PATH: undefined, PRIVATE_KEY: privateKey.slice(0, 200) }],
    ["PRIVATE_KEY", { PRIVATE_KEY_PATH: undefined, PRIVATE_KEY: read("public.pem") }],
    ["PRIVATE_KEY", { PRIVATE_KEY_PATH: undefined, PRIVATE_KEY: ecKey }],
    ["PRIVATE_KEY", { PRIVATE_KEY: privateKey }],
    ["PRIVATE_KEY_PATH", { PRIVATE_KEY_PATH: "missing.pem" }],
    ["PRIVATE_KEY_PATH", { PRIVATE_KEY_PATH: "." }],
    ["PRIVATE_KEY_PATH", { PRIVATE_KEY_PATH: "public.pem" }],
    ["PRIVATE_KEY_PATH", { PRIVATE_KEY_PATH: undefined }],
    ["WEBHOOK_SECRET", { WEBHOOK_SECRET: undefined }],
    ["WEBHOOK_SECRET", { WEBHOOK_SECRET: "   " }],
    ["WEBHOOK_SECRET", { WEBHOOK_SECRET: "development" }],
    ["WEBHOOK_SECRET", { WEBHOOK_SECRET: "s3cret\n" }],
    ["GHE_HOST", { GHE_HOST: "https://ghe.acme.test/" }],
    ["GHE_HOST", { GHE_HOST: "ghe.acme.test/api/v3" }],
    ["GHE_HOST", { GHE_HOST: "github.com" }],
    ["GHE_PROTOCOL", { GHE_HOST: "ghe.acme.test", GHE_PROTOCOL: "https://" }],
    ["PORT", { PORT: "http" }],
    ["PORT", { PORT: "70000" }],
    ["LOG_LEVEL", { LOG_LEVEL: "verbose" }],
    ["LOG_FORMAT", { LOG_FORMAT: "text" }],
  ])("%s: %j is one line naming the variable and the fix", (variable, change) => {
    const { config, problems } = readAppEnv({ ...good, ...change }, read);
    expect(config).toBeUndefined();
    expect(problems).toHaveLength(1);
    expect(problems[0]!.variable).toBe(variable);
    expect(problems[0]!.line).toMatch(new RegExp(`^${variable}: `));
    expect(problems[0]!.line).not.toContain("\n");
    expect(problems[0]!.line).toMatch(
      /: (copy|download|set|generate|GitHub|give|leave|use|keep|remove)|: .*(set|use|give)/,
    );
  });

  it("reports every problem of the environment at once", () => {
    expect(
      readAppEnv({ APP_ID: "abc", PRIVATE_KEY: "x", WEBHOOK_SECRET: "development" }, read).problems.map(
        (p) => p.variable,
      ),
    ).toEqual(["APP_ID", "PRIVATE_KEY", "WEBHOOK_SECRET"]);
  });

  it.each([
    ["PEM text", privateKey],
    ["PEM with \\n escapes", privateKey.replace(/\n/g, "\\n")],
    ["PEM on one line", privateKey.replace(/\n/g, " ")],
    ["base64 of the PEM", Buffer.from(privateKey).toString("base64")],
    [
      "PKCS#8",
      generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ type: "pkcs8", format: "pem" }) as string,
    ],
  ])("accepts the key as %s, as Probot does", (_, key) => {
    const { config, problems } = readAppEnv({ ...good, PRIVATE_KEY_PATH: undefined, PRIVATE_KEY: key }, read);
    expect(problems).toEqual([]);
    expect(config?.privateKey).toMatch(/^-----BEGIN RSA PRIVATE KEY-----\n/);
    expect(body.length).toBeGreaterThan(100);
  });

  it("reads a good environment: the id as a number, the key from the file, github.com or GHE's API", () => {
    expect(readAppEnv(good, read).config).toMatchObject({
      appId: 12345,
      secret: "s3cret-value",
      baseUrl: "https://api.github.com",
    });
    expect(readAppEnv({ ...good, GHE_HOST: "ghe.acme.test:8443", GHE_PROTOCOL: "http" }, read).config?.baseUrl).toBe(
      "http://ghe.acme.test:8443/api/v3",
    );
  });

  it("asks for what app.yml asks for", () => {
    const manifest = parse(readFileSync("app.yml", "utf8")) as {
      default_permissions: object;
      default_events: string[];
    };
    expect(manifest.default_permissions).toEqual(APP_PERMISSIONS);
    expect(manifest.default_events).toEqual(APP_EVENTS);
  });
});
