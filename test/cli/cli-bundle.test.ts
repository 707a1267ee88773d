import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { loadedInputs } from "../helpers/loaded-inputs.js";
import { makeRepo, tempDir } from "../local/git-fixture.js";
import { sampleFiles } from "../helpers/sample-plan.js";

/** The CLI built as scripts/build.mjs builds it, into a copy of the package layout (bin/, dist/, package.json). */
async function buildCli(): Promise<{ root: string; metafile: Metafile }> {
  const root = tempDir("phasegate-cli-bundle-");
  const { cliBuildOptions } = (await import("../../scripts/cli-build-options.mjs" as string)) as {
    cliBuildOptions: (o: object) => Parameters<typeof build>[0];
  };
  const define = { __PHASEGATE_BUILD__: JSON.stringify("test-build"), __PHASEGATE_VERSION__: JSON.stringify("0.0.0") };
  const banner = { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' };
  const result = await build({ ...cliBuildOptions({ outdir: join(root, "dist"), define, banner }), metafile: true });
  mkdirSync(join(root, "bin"));
  copyFileSync("bin/phasegate.js", join(root, "bin", "phasegate.js"));
  copyFileSync("package.json", join(root, "package.json"));
  return { root, metafile: result.metafile };
}

describe("the CLI's bundle", () => {
  it("claim, status and validate load neither the plan schemas nor YAML, zod, Octokit or secretlint, and checkpoint loads the YAML editor only when it needs it; the entry loads no command", async () => {
    const { metafile } = await buildCli();
    const claim = loadedInputs(metafile, "cli/commands/task-commands.ts");
    expect(claim).toContain("core/use-cases/claim.ts");
    const heavy = (f: string) => /node_modules\/(zod|yaml|@octokit|@secretlint)\/|core\/plan\/plan-schema\.ts/.test(f);
    expect(claim.filter(heavy)).toEqual([]);
    // status reads the plan from the cache; on a miss the fast reading loads the schemas, not the yaml library.
    expect(loadedInputs(metafile, "cli/commands/status.ts").filter(heavy)).toEqual([]);
    // validate loads the plan readers when it has a plan to check: a valid one never loads yaml (ADR 38).
    expect(loadedInputs(metafile, "cli/commands/validate.ts").filter(heavy)).toEqual([]);
    const plainPlan = loadedInputs(metafile, "core/plan/read-plain-plan.ts");
    expect(plainPlan).toContain("core/plan/plan-schema.ts");
    expect(plainPlan.filter((f) => f.includes("node_modules/yaml/"))).toEqual([]);
    // Where YAML loads (the positioned parse, migrate, a session file), it is its ES module build.
    const yaml = Object.keys(metafile.inputs).filter((f) => f.includes("node_modules/yaml/"));
    expect(yaml.length).toBeGreaterThan(0);
    expect(yaml.filter((f) => !f.includes("node_modules/yaml/browser/"))).toEqual([]);
    const entry = loadedInputs(metafile, "cli/main.ts");
    expect(entry.filter((f) => heavy(f) || f.startsWith("cli/commands/") || f.startsWith("core/use-cases/"))).toEqual(
      [],
    );
    // checkpoint loads YAML's editor and the task-list parser only when it has a list or a spec.json to tick.
    const checkpoint = loadedInputs(metafile, "cli/commands/checkpoint.ts");
    expect(checkpoint).toContain("core/use-cases/write-back-tasks.ts");
    expect(checkpoint.filter((f) => heavy(f) || f.startsWith("core/interop/"))).toEqual([]);
  }, 60_000);

  it("registers the merge driver with the launcher beside the bundle, whichever chunk asks", async () => {
    const { root } = await buildCli();
    const repo = makeRepo();
    const run = spawnSync(process.execPath, [join(root, "bin", "phasegate.js"), "status", "m1"], {
      cwd: repo.root,
      encoding: "utf8",
    });
    expect(run.status).toBe(1); // no commits yet, so no default branch: said, and the driver registered all the same
    const driver = repo.git("config", "--get", "merge.phasegate-log.driver").trim();
    expect(driver).toBe(`'${process.execPath}' '${join(root, "bin", "phasegate.js")}' merge-log %O %A %B %P`);
  }, 60_000);

  it("claims through the plan cache and the trusted prefix, and a changed plan or settings is read again", async () => {
    const { root } = await buildCli();
    const repo = makeRepo();
    for (const [path, text] of Object.entries(sampleFiles())) repo.write(path, text);
    repo.git("config", "user.name", "Bob");
    repo.commitAll("plan");
    repo.git("switch", "-q", "-c", "milestone/m1");
    const cli = (...args: string[]) => {
      const run = spawnSync(process.execPath, [join(root, "bin", "phasegate.js"), ...args, "--json"], {
        cwd: repo.root,
        encoding: "utf8",
      });
      expect(run.status, run.stderr).toBe(0);
      return JSON.parse(run.stdout) as { events: { event: string; details: Record<string, unknown> }[] };
    };
    const hours = (claimed: ReturnType<typeof cli>) => {
      const event = claimed.events.find((e) => e.event === "task_claimed");
      return (Date.parse(String(event?.details.expires_at)) - Date.now()) / 3_600_000;
    };
    // The plan cache's entries (one per plan and settings version) and when each was written.
    const cached = () => {
      const dir = join(repo.root, ".git", "phasegate", "plans");
      return readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => `${entry.name}@${statSync(join(entry.parentPath, entry.name)).mtimeMs}`)
        .sort();
    };
    cli("status", "m1"); // parses the plan into the cache
    // New repository settings: the cached plan (built with none) is not used; activation starts nothing.
    repo.git("switch", "-q", "main");
    repo.write(".github/phasegate.yml", "auto_start: false\n");
    repo.git("add", ".github/phasegate.yml");
    repo.git("commit", "-qm", "settings");
    repo.git("switch", "-q", "milestone/m1");
    expect(cli("activate", "m1").events.map((e) => e.event)).toEqual(["milestone_activated"]);
    expect(hours(cli("claim", "m1", "T1", "--as", "bob"))).toBeCloseTo(4, 1);
    const entries = cached();
    expect(hours(cli("claim", "m1", "T1", "--as", "bob"))).toBeCloseTo(4, 1);
    expect(cached()).toEqual(entries); // from the cache: nothing parsed or written again
    // A new plan version: the cache entry and the prefix of the old one are not used.
    repo.git("switch", "-q", "main");
    repo.write(
      ".milestones/m1.yaml",
      sampleFiles()[".milestones/m1.yaml"]!.replace("settings:", "settings:\n  claim_ttl: 1h"),
    );
    repo.git("commit", "-qm", "shorter claims", "--", ".milestones/m1.yaml");
    repo.git("switch", "-q", "milestone/m1");
    expect(hours(cli("claim", "m1", "T1", "--as", "bob"))).toBeCloseTo(1, 1);
    expect(cached()).toHaveLength(entries.length + 1); // the new version's entry
    expect(hours(cli("claim", "m1", "T1", "--as", "bob"))).toBeCloseTo(1, 1);
    cli("verify", "m1"); // exits 0: the log the claims wrote through the cache verifies in full
  }, 60_000);
});
