import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles } from "../helpers/sample-plan.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** Key-shaped test data (secretlint checks the magic bytes: `b3BlbnNzaC1rZXktdjE` is "openssh-key-v1", `MII` ASN.1). */
const body = (magic: string) =>
  [magic, ...Array.from({ length: 5 }, (_, i) => "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo" + i)].join("\n");
const OPENSSH = `-----BEGIN OPENSSH PRIVATE KEY-----\n${body("b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ")}\n-----END OPENSSH PRIVATE KEY-----\n`;
const RSA = `-----BEGIN RSA PRIVATE KEY-----\n${body("MIIEowIBAAKCAQEAvb4")}\n-----END RSA PRIVATE KEY-----\n`;
const GCP = JSON.stringify({
  type: "service_account",
  project_id: "demo",
  private_key_id: "0123456789abcdef0123456789abcdef01234567",
  private_key: RSA,
  client_email: "demo@demo.iam.gserviceaccount.com",
});

/** The files of the last checkpoint; after it, a commit of the log alone, and nothing left modified. */
function committed(r: ScratchRepo): string[] {
  const files = (rev: string) => r.git("show", "--name-only", "--format=", rev).split("\n").filter(Boolean);
  expect(files("HEAD").filter((f) => f !== ".gitattributes")).toEqual([".milestones/logs/m1.jsonl"]);
  expect(r.git("status", "--porcelain", "--", ".milestones", ".gitattributes")).toBe("");
  return files("HEAD~1");
}

describe("checkpoint", () => {
  it("holds back secrets by content and by name, says which rule, and commits the rest", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const secrets: Record<string, string> = {
      "deploy/deploy_key": OPENSSH,
      "config/private.txt": RSA,
      "gcp-key.json": GCP,
      ".kube/config": "apiVersion: v1\n",
      ".envrc": "export A=1\n",
      "terraform.tfvars": 'a = "b"\n',
      "application_default_credentials.json": "{}\n",
      id_ecdsa_sk: "x\n",
      "id_rsa.bak": "x\n",
      "key.pem.old": "x\n",
      _netrc: "machine x\n",
    };
    for (const [path, text] of Object.entries(secrets)) repo.write(path, text);
    repo.write("src/app.ts", "export const a = 1;\n");
    const { code, out } = await repo.cli("checkpoint", "m1", "--min-changes", "1");
    expect(code).toBe(0);
    expect(committed(repo)).toEqual(["src/app.ts"]);
    for (const path of Object.keys(secrets)) expect(out).toContain(`held back ${path}:`);
    expect(out).toMatch(/held back deploy\/deploy_key: .*\(@secretlint\/secretlint-rule-privatekey\)/);
    expect(out).toMatch(/held back gcp-key\.json: .*\(@secretlint\/secretlint-rule-(gcp|privatekey)\)/);
    const json = await repo.cli("checkpoint", "m1", "--min-changes", "1", "--json");
    const result = JSON.parse(json.out) as { committed: boolean; held_back: { path: string; rule: string }[] };
    expect(result.held_back.find((h) => h.path === "config/private.txt")?.rule).toMatch(/privatekey/);
  });

  it("skips a symlink out of the repository, a dangling symlink and a name with a backslash, and says so", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    symlinkSync("/etc/hostname", join(repo.root, "out-link"));
    symlinkSync("missing-target", join(repo.root, "dangling"));
    repo.write("odd\\name.txt", "x\n");
    repo.write("src/ok.ts", "ok\n");
    const { code, out } = await repo.cli("checkpoint", "m1", "--min-changes", "1");
    expect(code).toBe(0);
    expect(committed(repo)).toEqual(["src/ok.ts"]);
    expect(out).toMatch(/held back out-link: a symlink: it resolves outside/);
    expect(out).toMatch(/held back dangling: a symlink/);
    expect(out).toMatch(/held back odd\\name\.txt: its name contains a backslash/);
  });

  it("runs no repository hooks by default, even a tracked core.hooksPath; --hooks runs them and a failure leaves the index as it was", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    mkdirSync(join(repo.root, ".husky"));
    const hook = join(repo.root, ".husky", "pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho ran > hook-ran\nexit 1\n");
    chmodSync(hook, 0o755);
    repo.git("config", "core.hooksPath", ".husky");
    repo.write("src/a.ts", "a\n");
    repo.write("staged-before.ts", "s\n");
    repo.git("add", "staged-before.ts");
    const quiet = await repo.cli("checkpoint", "m1", "--min-changes", "1");
    expect(quiet.code).toBe(0);
    expect(committed(repo)).toContain("src/a.ts");
    expect(committed(repo)).not.toContain("hook-ran");

    repo.write("src/b.ts", "b\n");
    const statusBefore = repo.git("diff", "--cached", "--name-only");
    const loud = await repo.cli("checkpoint", "m1", "--min-changes", "1", "--hooks");
    expect(loud.code).toBe(1);
    expect(loud.err).toMatch(/git commit failed \(nothing was left staged\)/);
    expect(repo.git("diff", "--cached", "--name-only")).toBe(statusBefore);
  });

  it("with --hooks and a hook that passes, the log naming the commit is committed on top, without the hook", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const hook = join(repo.root, ".git", "hooks", "pre-commit");
    writeFileSync(hook, "#!/bin/sh\necho ran >> .git/hook-runs\n");
    chmodSync(hook, 0o755);
    repo.write("src/a.ts", "a\n");
    const run = await repo.cli("checkpoint", "m1", "--min-changes", "1", "--hooks", "--json");
    expect(run.code).toBe(0);
    const { commit } = JSON.parse(run.out) as { commit: string };
    expect(committed(repo)).toEqual(["src/a.ts"]);
    expect(repo.git("rev-parse", "HEAD~1").trim()).toBe(commit);
    expect(repo.read(".milestones/logs/m1.jsonl")).toContain(`"commit":"${commit}"`);
    expect(repo.read(".git/hook-runs")).toBe("ran\n");
  });

  it("five parallel checkpoints take turns: one commits, the others commit after or find nothing, no git errors", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    for (let i = 0; i < 5; i++) repo.write(`src/f${i}.ts`, `${i}\n`);
    const run = promisify(execFile);
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        run(process.execPath, [CLI, "checkpoint", "m1", "--min-changes", "1"], { cwd: repo.root, env: repo.env }).then(
          (r) => ({ code: 0, out: r.stdout, err: r.stderr }),
          (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout, err: e.stderr }),
        ),
      ),
    );
    const all = results.map((r) => r.out + r.err).join("\n");
    expect(all).not.toMatch(/index\.lock|fatal:|git .* failed/);
    expect(results.every((r) => r.code === 0)).toBe(true);
    expect(results.filter((r) => /^checkpoint [0-9a-f]{12}/m.test(r.out)).length).toBeGreaterThanOrEqual(1);
    expect(repo.git("status", "--porcelain", "--", "src")).toBe("");
  });

  it("removes temporary files of crashed writes (dead pid) and never commits them", async () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    const temp = ".milestones/logs/.m1.jsonl.phasegate-tmp-999999999-abcd1234";
    repo.write(temp, "a full copy of the log\n");
    const old = new Date(Date.now() - 60_000);
    utimesSync(join(repo.root, temp), old, old);
    repo.write("src/a.ts", "a\n");
    const { code } = await repo.cli("checkpoint", "m1", "--min-changes", "1");
    expect(code).toBe(0);
    expect(repo.git("status", "--porcelain", "--untracked-files=all")).not.toContain("phasegate-tmp");
    expect(committed(repo)).not.toContain(temp);
  });
});
