/** `phasegate init`: a repository set up in one command, valid from the first run, never over someone's files. */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterEach, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { main } from "../../cli/main.js";
import { gitEnv, scratchRepo, type ScratchRepo } from "../helpers/scratch-repo.js";

const SCHEMAS = resolve(import.meta.dirname, "../../schema/output");
const ajv = new Ajv2020({ allErrors: true, strict: false });
for (const file of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), "utf8")), file);

const WORKFLOWS = [
  ".github/workflows/phasegate-advance.yml",
  ".github/workflows/phasegate-comment.yml",
  ".github/workflows/phasegate-plan.yml",
  ".github/workflows/phasegate-pull-request.yml",
  ".github/workflows/phasegate-schedule.yml",
];

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

/** A repository straight after `git init`: no commit, no branch yet. */
function freshRepo(branch = "trunk") {
  const root = mkdtempSync(join(tmpdir(), "phasegate-init-"));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  const env = gitEnv(root);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: root, env, encoding: "utf8" });
  git("init", "-q", "-b", branch);
  return { root, env, git };
}

function existing(files: Record<string, string>): ScratchRepo {
  const repo = scratchRepo(files);
  cleanups.push(() => repo.cleanup());
  return repo;
}

async function cli(root: string, env: NodeJS.ProcessEnv, ...args: string[]) {
  let out = "";
  let err = "";
  const code = await main(
    args,
    { out: (t) => void (out += t), err: (t) => void (err += t), json: false },
    { cwd: root, env },
  );
  return { code, out, err };
}

/** Every file under `root` but .git, with its text: what a refusal must leave as it was. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !path.includes(`${root}/.git/`))
      out[path.slice(root.length + 1)] = readFileSync(path, "utf8");
  }
  return out;
}

describe("phasegate init", () => {
  it("sets up a repository with no commits: a plan that validates, settings, workflows, the log's merge driver", async () => {
    const { root, env, git } = freshRepo();
    const run = await cli(root, env, "init", "--approver", "alice", "--uses", "acme/phasegate@v1");
    expect(run.code, run.err).toBe(0);
    for (const path of [".milestones/first-milestone.yaml", ".github/phasegate.yml", ".gitattributes", ...WORKFLOWS])
      expect(existsSync(join(root, path)), path).toBe(true);
    expect(run.out).toMatch(/Next steps:\n {2}1\. .*phasegate validate.*\n {2}2\. Commit on trunk.*\n {2}3\. /);
    const validate = await cli(root, env, "validate");
    expect(validate.code, validate.out + validate.err).toBe(0);
    expect(validate.out).toContain(".milestones/first-milestone.yaml (2 tasks)");
    expect(validate.out).toContain(".github/phasegate.yml (settings)");
    const plan = readFileSync(join(root, ".github/workflows/phasegate-plan.yml"), "utf8");
    expect(plan).toContain('branches: ["trunk"]');
    expect(plan).toContain('paths: [".milestones/first-milestone.yaml"]');
    expect(plan).toContain("uses: acme/phasegate@v1");
    expect(plan).not.toMatch(/auth-v2|<owner>\/phasegate@/);
    for (const path of WORKFLOWS) {
      const text = readFileSync(join(root, path), "utf8");
      expect(text, path).not.toMatch(/auth-v2|<owner>\/phasegate@/);
      const steps = Object.values(parseYaml(text).jobs as Record<string, { steps: { uses?: string }[] }>).flatMap(
        (job) => job.steps,
      );
      expect(steps.filter((s) => s.uses?.includes("phasegate")).map((s) => s.uses)).not.toEqual([]);
      for (const step of steps) if (step.uses?.includes("phasegate")) expect(step.uses, path).toBe("acme/phasegate@v1");
    }
    expect(readFileSync(join(root, ".gitattributes"), "utf8")).toBe(
      ".milestones/logs/*.jsonl text eol=lf merge=phasegate-log\n",
    );
    expect(git("config", "--get", "merge.phasegate-log.driver")).toMatch(
      /bin\/phasegate\.js' merge-log %O %A %B %P\n$/,
    );
    // trunk is no branch the lookup finds by itself (main, master, init.defaultBranch): init records it.
    expect(run.out).toContain("set phasegate.defaultBranch to trunk");
    expect(git("config", "--get", "phasegate.defaultBranch").trim()).toBe("trunk");
    // The first commit, then the milestone runs locally as step 3 says.
    git("add", "-A");
    git("commit", "-q", "-m", "Phasegate");
    git("switch", "-q", "-c", "milestone/first-milestone");
    const execute = await cli(root, { ...env, PHASEGATE_SESSION: "s" }, "execute", "first-milestone");
    expect(execute.code, execute.err).toBe(0);
    expect(execute.out).toContain("T1");
  });

  it("in an existing repository: keeps .gitattributes' lines, takes the test script, writes no workflows with --app", async () => {
    const repo = existing({
      ".gitattributes": "*.png binary",
      "package.json": JSON.stringify({ scripts: { test: "vitest run" } }),
    });
    const run = await cli(repo.root, repo.env, "init", "--app", "--id", "auth-v3", "--title", 'Auth "v3": tokens');
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("updated .gitattributes");
    expect(run.out).toContain("Install the Phasegate GitHub App");
    expect(repo.read(".gitattributes")).toBe(
      "*.png binary\n.milestones/logs/*.jsonl text eol=lf merge=phasegate-log\n",
    );
    expect(existsSync(join(repo.root, ".github/workflows"))).toBe(false);
    const plan = repo.read(".milestones/auth-v3.yaml");
    expect(plan).toContain('title: "Auth \\"v3\\": tokens"');
    expect(plan).toContain('test_command: "npm test"');
    expect((await repo.cli("validate")).code).toBe(0);
    // A second milestone's init finds the settings as they are: unchanged, not refused.
    const second = await cli(repo.root, repo.env, "init", "--app", "--id", "billing");
    expect(second.code, second.err).toBe(0);
    expect(second.out).toContain("unchanged .github/phasegate.yml");
    expect(second.out).not.toContain(".gitattributes");
  });

  it("refuses to overwrite files, naming them all, and writes nothing; --force overwrites", async () => {
    const repo = existing({
      ".github/phasegate.yml": "auto_start: false\n",
      ".github/workflows/phasegate-plan.yml": "name: mine\n",
    });
    const before = tree(repo.root);
    const run = await cli(repo.root, repo.env, "init");
    expect(run.code).toBe(1);
    expect(run.err).toContain("refused: .github/phasegate.yml, .github/workflows/phasegate-plan.yml already exist");
    expect(tree(repo.root)).toEqual(before);
    expect(repo.git("config", "--list", "--local")).not.toContain("phasegate-log");
    const json = await cli(repo.root, repo.env, "init", "--json");
    const refusal = JSON.parse(json.out);
    expect(ajv.getSchema("error.schema.json")!(refusal)).toBe(true);
    expect(refusal).toMatchObject({
      error: "init_refused",
      existing: [".github/phasegate.yml", ".github/workflows/phasegate-plan.yml"],
    });
    const forced = await cli(repo.root, repo.env, "init", "--force");
    expect(forced.code, forced.err).toBe(0);
    expect(forced.out).toContain("overwrote .github/phasegate.yml");
    expect(repo.read(".github/workflows/phasegate-plan.yml")).toContain("name: phasegate plan");
  });

  it("a write that fails half-way takes back the files written before it", async () => {
    // .github/workflows is a file here: the plan and the settings are written, then the first workflow fails.
    const repo = existing({ ".github/workflows": "not a folder\n" });
    const before = tree(repo.root);
    const run = await cli(repo.root, repo.env, "init");
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/phasegate: .*workflows/);
    expect(tree(repo.root)).toEqual(before);
    expect(repo.git("config", "--list", "--local")).not.toContain("phasegate-log");
  });

  it("never writes a second plan for a milestone that has one, even with --force", async () => {
    const repo = existing({
      ".milestones/active/first-milestone.yaml": "version: 1\nid: first-milestone\ntitle: T\ntasks: []\n",
    });
    const before = tree(repo.root);
    const run = await cli(repo.root, repo.env, "init", "--force");
    expect(run.code).toBe(1);
    expect(run.err).toContain(".milestones/active/first-milestone.yaml; choose another id with --id");
    expect(tree(repo.root)).toEqual(before);
  });

  it("--dry-run prints what it would write and writes nothing; --json gives the files and the next steps", async () => {
    const { root, env, git } = freshRepo("main");
    const dry = await cli(root, env, "init", "--dry-run");
    expect(dry.code, dry.err).toBe(0);
    expect(dry.out).toContain("would create .milestones/first-milestone.yaml\n");
    expect(dry.out).toContain("would create .github/workflows/phasegate-schedule.yml\n");
    expect(dry.out).toContain("id: first-milestone");
    expect(dry.out).toContain("Nothing was written (--dry-run).");
    expect(tree(root)).toEqual({});
    expect(git("config", "--list", "--local")).not.toContain("phasegate");
    const json = await cli(root, env, "init", "--dry-run", "--json", "--id", "m2");
    const value = JSON.parse(json.out);
    const validate = ajv.getSchema("init.schema.json")!;
    expect(validate(value) ? [] : validate.errors).toEqual([]);
    expect(value).toMatchObject({
      ok: true,
      id: "m2",
      plan_file: ".milestones/m2.yaml",
      dry_run: true,
      merge_driver_registered: false,
    });
    expect(value.files.map((f: { path: string }) => f.path)).toEqual([
      ".milestones/m2.yaml",
      ".github/phasegate.yml",
      ...WORKFLOWS,
      ".gitattributes",
    ]);
    expect(value.next).toHaveLength(3);
    expect(tree(root)).toEqual({});
    const written = JSON.parse((await cli(root, env, "init", "--json", "--id", "m2")).out);
    expect(validate(written)).toBe(true);
    expect(written).toMatchObject({ dry_run: false, merge_driver_registered: true });
    expect(readFileSync(join(root, ".milestones/m2.yaml"), "utf8")).toBe(value.files[0].text);
  });

  it("--from imports a spec folder as the plan instead of the starter", async () => {
    const repo = existing({ ".kiro/specs/login/tasks.md": "# Tasks\n\n- [ ] 1. Form\n- [ ] 2. Session\n" });
    const run = await cli(repo.root, repo.env, "init", "--from", ".kiro/specs/login", "--app");
    expect(run.code, run.err).toBe(0);
    expect(run.out).toContain("created .milestones/login.yaml");
    expect(repo.read(".milestones/login.yaml")).toMatch(/Form[\s\S]*Session/);
    expect((await repo.cli("validate")).code).toBe(0);
    const missing = await cli(repo.root, repo.env, "init", "--from", "nowhere");
    expect(missing.code).toBe(1);
    expect(missing.err).toContain("nowhere: no such folder");
  });

  it("bad input is refused with nothing written: an id that is not one, an Action reference that is not one, no repository", async () => {
    const { root, env } = freshRepo();
    expect((await cli(root, env, "init", "--id", "Bad Id")).err).toContain('"Bad Id" is not a milestone id');
    const uses = await cli(root, env, "init", "--uses", "acme/phasegate@v1\n  evil: true");
    expect(uses.code).toBe(1);
    expect(uses.err).toContain("is not an Action reference");
    expect((await cli(root, env, "init", "--approver", "not a login")).code).toBe(1);
    expect(tree(root)).toEqual({});
    const outside = mkdtempSync(join(tmpdir(), "phasegate-nogit-"));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(join(outside, "README"), "x");
    const none = await cli(outside, gitEnv(outside), "init");
    expect(none.code).toBe(1);
    expect(none.err).toContain("not inside a git working tree");
  });
});
