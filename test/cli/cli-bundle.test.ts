import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { build, type Metafile } from "esbuild";
import { describe, expect, it } from "vitest";
import { loadedInputs } from "../helpers/loaded-inputs.js";
import { makeRepo, tempDir } from "../local/git-fixture.js";

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
  it("claim loads neither the plan schemas nor YAML, zod, Octokit or secretlint; the entry loads no command", async () => {
    const { metafile } = await buildCli();
    const claim = loadedInputs(metafile, "cli/commands/task-commands.ts");
    expect(claim).toContain("core/use-cases/claim.ts");
    const heavy = (f: string) => /node_modules\/(zod|yaml|@octokit|@secretlint)\/|core\/plan\/plan-schema\.ts/.test(f);
    expect(claim.filter(heavy)).toEqual([]);
    const entry = loadedInputs(metafile, "cli/main.ts");
    expect(entry.filter((f) => heavy(f) || f.startsWith("cli/commands/") || f.startsWith("core/use-cases/"))).toEqual(
      [],
    );
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
});
