/** `phasegate doctor`: the App's setup, from the environment and .env, checked with (the fake) GitHub. */
import { createPublicKey } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../cli/main.js";
import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { privateKey } from "../app/app-instance.js";

/** The fake GitHub's fetch, handed to the CLI as its way to reach GitHub. */
const given: { fetch?: typeof fetch } = {};

afterEach(() => void delete given.fetch);

async function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  let out = "";
  let err = "";
  const code = await main(
    args,
    { out: (t) => void (out += t), err: (t) => void (err += t), json: false },
    { cwd, env, ...(given.fetch && { fetch: given.fetch }) },
  );
  return { code, out, err };
}

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "pg-doctor-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

describe("phasegate doctor", () => {
  it("reads .env like npm start and checks the setup with GitHub", async () => {
    const gh = createFakeGitHub();
    gh.world.app.publicKey = createPublicKey(privateKey).export({ type: "spki", format: "pem" }) as string;
    given.fetch = gh.fetch;
    const dir = folder({
      ".env": "APP_ID=1\nPRIVATE_KEY_PATH=app.pem\nWEBHOOK_SECRET=s3cret-value\n",
      "app.pem": privateKey,
    });
    const good = await cli(["doctor"], {}, dir);
    expect(
      good.out
        .split("\n")
        .filter(Boolean)
        .every((l) => l.startsWith("ok ")),
    ).toBe(true);
    expect(good.code).toBe(0);

    gh.world.app.installations[0]!.permissions.issues = "read";
    const json = await cli(["doctor", "--json"], {}, dir);
    expect(json.code).toBe(1);
    const failed = JSON.parse(json.out).checks.filter((c: { ok: boolean }) => !c.ok);
    expect(failed).toEqual([{ check: "permissions", ok: false, line: expect.stringContaining("issues: write") }]);
  });

  it("names each wrong variable without asking GitHub; the environment wins over .env", async () => {
    given.fetch = async () => {
      throw new Error("no request expected");
    };
    const dir = folder({ ".env": "APP_ID=1\nPRIVATE_KEY=abc\nWEBHOOK_SECRET=development\n" });
    const bad = await cli(["doctor"], { APP_ID: "abc" }, dir);
    expect(bad.code).toBe(1);
    expect(bad.out.split("\n").filter(Boolean)).toEqual([
      expect.stringMatching(/^FAIL APP_ID: "abc"/),
      expect.stringMatching(/^FAIL PRIVATE_KEY: /),
      expect.stringMatching(/^FAIL WEBHOOK_SECRET: is Probot's default/),
    ]);
    expect((await cli(["doctor", "--env-file", "nope.env"], {}, dir)).code).toBe(2);
  });
});
