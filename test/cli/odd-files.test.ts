import { execFileSync, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";
import { sampleFiles, SAMPLE_PLAN } from "../helpers/sample-plan.js";

const CLI = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
let repo: ScratchRepo;
afterEach(() => repo?.cleanup());

/** The CLI in its own process, so that a hang is a timeout, not a stuck test run. */
function cliProcess(r: ScratchRepo, ...args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: r.root, env: r.env, encoding: "utf8", timeout: 10_000 });
}

describe("odd files where a plan should be", () => {
  it("a folder named m1.yaml is a plain error naming the path", async () => {
    repo = scratchRepo({ "README.md": "x\n" }, "milestone/m1");
    mkdirSync(join(repo.root, ".milestones/m1.yaml"), { recursive: true });
    const result = await repo.cli("status", "m1");
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/\.milestones\/m1\.yaml: a folder, not a file/);
    expect(result.err).not.toMatch(/EISDIR/);
  });

  it("a FIFO named m1.yaml does not make status hang", () => {
    repo = scratchRepo(sampleFiles(), "milestone/m1");
    rmSync(join(repo.root, ".milestones/m1.yaml"));
    execFileSync("mkfifo", [join(repo.root, ".milestones/m1.yaml")]);
    const one = cliProcess(repo, "status", "m1");
    expect(one.error).toBeUndefined();
    expect(one.status).toBe(1);
    expect(one.stderr).toMatch(/\.milestones\/m1\.yaml: not a regular file/);
    const all = cliProcess(repo, "status");
    expect(all.error).toBeUndefined();
  }, 30_000);

  it("schema --write --check is a usage error, and --write creates the folder it writes to", async () => {
    repo = scratchRepo({ "README.md": "x\n" });
    const both = await repo.cli("schema", "--write", "--check");
    expect(both.code).toBe(2);
    expect(both.err).toMatch(/--write and --check/);
    const check = await repo.cli("schema", "--check");
    expect(check.code).toBe(1);
    expect(check.err).toMatch(/schema\/plan\.schema\.json does not exist; run `phasegate schema --write`/);
    const write = await repo.cli("schema", "--write");
    expect(write.code).toBe(0);
    expect((await repo.cli("schema", "--check")).code).toBe(0);
  });
});

describe("plans validate and status agree on", () => {
  it("a symlinked plan: both refuse it, with the same reason", async () => {
    repo = scratchRepo({ "plans/m1.yaml": SAMPLE_PLAN, "check.mjs": "" });
    mkdirSync(join(repo.root, ".milestones"));
    symlinkSync("../plans/m1.yaml", join(repo.root, ".milestones/m1.yaml"));
    repo.git("add", "-A");
    repo.git("commit", "-qm", "link");
    repo.git("switch", "-qc", "milestone/m1");
    const reason = 'refused path ".milestones/m1.yaml": it is a symlink';
    const validate = await repo.cli("validate");
    expect(validate.code).toBe(1);
    expect(validate.err).toContain(reason);
    expect((await repo.cli("validate", ".milestones/m1.yaml")).err).toContain(reason);
    const status = await repo.cli("status", "m1");
    expect(status.code).toBe(1);
    expect(status.err).toContain(reason);
    const overview = await repo.cli("status");
    expect(overview.code).toBe(1);
    expect(overview.out).toMatch(/^m1 +unreadable/m);
    expect(overview.out).toContain(reason);
    // migrate would replace the link with a file: refused too, and the link stays.
    const migrate = await repo.cli("migrate", ".milestones/m1.yaml");
    expect(migrate.code).toBe(1);
    expect(migrate.err).toContain(reason);
    expect(lstatSync(join(repo.root, ".milestones/m1.yaml")).isSymbolicLink()).toBe(true);
  });

  it("m1.yaml, m1.yml and active/m1.yaml together: an error naming the files, in both", async () => {
    repo = scratchRepo(
      {
        ...sampleFiles(),
        ".milestones/m1.yml": SAMPLE_PLAN,
        ".milestones/active/m1.yaml": SAMPLE_PLAN,
      },
      "milestone/m1",
    );
    const message =
      'milestone "m1" has more than one plan file: .milestones/m1.yaml, .milestones/m1.yml, .milestones/active/m1.yaml';
    const validate = await repo.cli("validate");
    expect(validate.code).toBe(1);
    expect(validate.err).toContain(message);
    const status = await repo.cli("status", "m1");
    expect(status.code).toBe(1);
    expect(status.err).toContain(message);
    const overview = await repo.cli("status");
    expect(overview.code).toBe(1);
    expect(overview.out).toContain(message);
  });
});
