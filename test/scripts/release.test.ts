/** The Action can be used as written: a release workflow, branding, docs that name the reference, CI that passes in a fork. */
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { gitEnv } from "../helpers/scratch-repo.js";

const ROOT = resolve(import.meta.dirname, "../..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf8");
let dir: string | undefined;
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

function releaseRepo(): { run: (tag: string) => ReturnType<typeof spawnSync>; git: (...a: string[]) => string } {
  dir = mkdtempSync(join(tmpdir(), "pg-release-"));
  const env = gitEnv(dir);
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, env, encoding: "utf8" });
  git("init", "-q", "-b", "main");
  const commit = (subject: string, version: string) => {
    writeFileSync(join(dir!, "package.json"), JSON.stringify({ version }));
    git("add", "-A");
    git("commit", "-q", "--allow-empty", "-m", subject);
  };
  commit("First", "1.0.0");
  git("tag", "v1.0.0");
  commit("Validation in one round", "1.0.0");
  commit("Doctor for the App", "1.1.0");
  git("tag", "v1.1.0");
  commit("After the release", "1.1.0");
  const run = (tag: string) =>
    spawnSync("node", [join(ROOT, "scripts/prepare-release.mjs"), tag], { cwd: dir, env, encoding: "utf8" });
  return { run, git };
}

describe("releasing the Action", () => {
  it("prepare-release: notes are the commits since the previous tag; the tag must be vX.Y.Z and match package.json", () => {
    const repo = releaseRepo();
    repo.git("checkout", "-q", "v1.1.0");
    const notes = repo.run("v1.1.0");
    expect(notes.status).toBe(0);
    expect(notes.stdout).toContain("Changes since v1.0.0:\n\n- Validation in one round\n- Doctor for the App\n");
    expect(notes.stdout).not.toContain("First");
    expect(notes.stdout).not.toContain("After the release");
    expect(notes.stdout).toContain("uses: <owner>/phasegate@v1");
    for (const bad of ["v1.1", "1.1.0", "v1", "v1.1.0-rc1"]) expect(repo.run(bad).stderr).toMatch(/not a release tag/);
    repo.git("checkout", "-q", "v1.0.0");
    expect(repo.run("v1.1.0")).toMatchObject({ status: 1, stderr: expect.stringContaining("package.json says 1.0.0") });
    expect(repo.run("v1.0.0").stdout).toContain("The first release:\n\n- First\n");
  });

  it("the release workflow runs on vX.Y.Z tags, checks the bundle, publishes notes and moves the major tag", () => {
    const workflow = parse(read(".github/workflows/release.yml"));
    expect(workflow.on.push.tags).toEqual(["v[0-9]+.[0-9]+.[0-9]+"]);
    expect(workflow.permissions).toEqual({ contents: "write" });
    const runs = workflow.jobs.release.steps.map((s: { run?: string }) => s.run ?? "").join("\n");
    expect(runs).toContain("scripts/prepare-release.mjs");
    expect(runs).toContain(".ci/run");
    expect(runs).toContain("gh release create");
    expect(runs).toMatch(/git tag -f "\$major"[\s\S]*git push -f origin "refs\/tags\/\$major"/);
    expect(read(".ci/run")).toMatch(/dist\/action\/ is stale/);
  });

  it("action.yml has Marketplace branding", () => {
    const { branding } = parse(read("action.yml"));
    expect(["white", "black", "yellow", "blue", "green", "orange", "red", "purple", "gray-dark"]).toContain(
      branding.color,
    );
    expect(branding.icon).toMatch(/^[a-z-]+$/);
  });

  it("docs name one way to reference the Action, explained once", () => {
    const files = [
      "README.md",
      ...readdirSync(join(ROOT, "docs"))
        .filter((f) => f.endsWith(".md"))
        .map((f) => `docs/${f}`),
    ];
    const templates = readdirSync(join(ROOT, "docs/workflows"), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".yml"))
      .map((f) => `docs/workflows/${f}`);
    const refs = [...files, ...templates].flatMap((f) =>
      [...read(f).matchAll(/uses:\s*([^\s`]*phasegate[^\s`]*)/g)].map((m) => m[1]),
    );
    expect(refs.length).toBeGreaterThan(10);
    expect(new Set(refs)).toEqual(new Set(["<owner>/phasegate@v1"]));
    for (const t of templates) expect(read(t)).toContain("docs/action.md#referencing-the-action");
    expect(read("docs/action.md")).toMatch(/## Referencing the Action[\s\S]*`<owner>` is the GitHub account/);
  });
});

describe("CI in a fork", () => {
  const corpus = (env: Record<string, string>) =>
    spawnSync(join(ROOT, ".ci/corpus"), [], { env: { ...process.env, ...env }, encoding: "utf8" });

  it("GitHub's workflow skips the corpus tests with a notice when there is no corpus; .ci/run requires it", () => {
    const skipped = corpus({ PHASEGATE_CORPUS: "/nonexistent/corpus", PHASEGATE_CORPUS_REQUIRED: "0" });
    expect(skipped.status).toBe(0);
    expect(skipped.stdout).toMatch(/^::notice title=Corpus tests skipped::no corpus at \/nonexistent\/corpus/);
    const required = corpus({ PHASEGATE_CORPUS: "/nonexistent/corpus" });
    expect(required.status).toBe(1);
    expect(required.stderr).toContain("no corpus at /nonexistent/corpus");
    expect(read(".ci/run")).toMatch(/^\.ci\/corpus$/m);
    expect(read(".ci/run")).not.toMatch(/^\s*(export\s+)?PHASEGATE_CORPUS_REQUIRED=/m);
    const ci = parse(read(".github/workflows/ci.yml"));
    expect(ci.jobs.test.steps.at(-1)).toEqual({ run: ".ci/run", env: { PHASEGATE_CORPUS_REQUIRED: "0" } });
  });
});
