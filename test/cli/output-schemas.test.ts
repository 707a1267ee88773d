/** Each command's --json output matches its JSON Schema in schema/output/ (the documented shape). */
import { readdirSync, readFileSync } from "node:fs";
import { createPublicKey } from "node:crypto";
import { join, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it } from "vitest";
import { bigPlanYaml } from "../helpers/big-plan.js";
import { createFakeGitHub } from "../helpers/fake-github/index.js";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";
import { privateKey } from "../app/app-instance.js";

/** The fake GitHub's fetch, handed to the CLI as its way to reach GitHub. */
const given: { fetch?: typeof fetch } = {};

const DIR = resolve(import.meta.dirname, "../../schema/output");
const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const file of readdirSync(DIR)) ajv.addSchema(JSON.parse(readFileSync(join(DIR, file), "utf8")), file);
let repo: ScratchRepo | undefined;
afterEach(() => {
  delete given.fetch;
  repo?.cleanup();
});

function check(schema: string, out: string) {
  const validate = ajv.getSchema(`${schema}.schema.json`)!;
  const value = JSON.parse(out);
  expect(validate(value) ? [] : validate.errors).toEqual([]);
  return value;
}

describe("output schemas", () => {
  it("local commands, their refusals and usage errors", async () => {
    repo = scratchRepo(
      {
        ...sampleFiles(),
        "specs/a/tasks.md": "# Tasks\n\n- [ ] 1. First\n- [x] 2. Second\n",
        "bad/m9.yaml": "version: 1\nid: m8\n",
      },
      "milestone/m1",
    );
    const run = async (schema: string, ...args: string[]) => {
      const { out, err } = await repo!.cli("--json", ...args);
      if (!out.startsWith("{")) throw new Error(`${args.join(" ")}: ${out} ${err}`);
      return check(schema, out);
    };
    await run("validate", "validate");
    await run("status", "status");
    await run("status", "status", "m1");
    await run("execute", "execute", "m1");
    await run("verify", "verify", "m1");
    await run("scan", "scan", "m1");
    repo.write("notes.md", "x\n");
    expect((await run("checkpoint", "checkpoint", "m1", "--min-changes", "0")).committed).toBe(true);
    expect((await run("checkpoint", "checkpoint", "m1", "--min-changes", "50")).committed).toBe(false);
    // The last checkpoint's commit taken off the branch (the log kept as it was): found, then withdrawn (ADR 39).
    const log = repo.read(".milestones/logs/m1.jsonl");
    repo.git("reset", "-q", "--hard", "HEAD~2");
    repo.write(".milestones/logs/m1.jsonl", log);
    const lost = expect.stringMatching(/the last checkpoint's commit \w+ is not in the history of milestone\/m1/);
    expect((await run("status", "status", "m1")).log.problems).toEqual(expect.arrayContaining([lost]));
    expect((await run("verify", "verify", "m1")).findings).toEqual([expect.objectContaining({ message: lost })]);
    expect((await run("checkpoint", "checkpoint", "m1", "--min-changes", "0")).withdrawn).toBeDefined();
    await run("import", "import", "specs/a", "--id", "a");
    await run("init", "init", "--id", "m7", "--dry-run");
    expect((await run("error", "init", "--id", "m1", "--app")).error).toBe("init_refused");
    expect((await run("error", "approve", "m1", "T2")).error).toBe("refused");
    expect((await run("error", "status", "--bogus")).error).toBe("usage");
    expect((await run("validate", "validate", "bad/m9.yaml")).ok).toBe(false);
    expect((await run("error", "-C", "/nonexistent", "status")).error).toBe("failed");
  });

  it("sync and doctor (against the fake GitHub)", async () => {
    const gh = createFakeGitHub();
    gh.createRepo({ owner: "acme", repo: "rocket", files: { ".milestones/big.yaml": bigPlanYaml(3) } });
    gh.world.app.publicKey = createPublicKey(privateKey).export({ type: "spki", format: "pem" }) as string;
    given.fetch = gh.fetch;
    repo = scratchRepo({});
    const env = { GITHUB_TOKEN: "t", APP_ID: "1", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: "s3cret-value" };
    const cli = async (...args: string[]) => {
      let out = "";
      const { main } = await import("../../cli/main.js");
      await main(
        ["--json", ...args],
        { out: (t) => void (out += t), err: () => {}, json: false },
        { cwd: repo!.root, env, ...(given.fetch && { fetch: given.fetch }) },
      );
      return out;
    };
    check("sync", await cli("sync", "big", "--repo", "acme/rocket", "--dry-run"));
    check("sync", await cli("sync", "big", "--repo", "acme/rocket"));
    check("doctor", await cli("doctor"));
    env.APP_ID = "abc";
    expect(check("doctor", await cli("doctor")).problems).toHaveLength(1);
  });

  it("a schema catches a field that is not documented", () => {
    const validate = ajv.getSchema("verify.schema.json")!;
    expect(
      validate({ milestone: "m1", events: 1, verified: true, problem: null, findings: [], notes: [], extra: 1 }),
    ).toBe(false);
  });
});
