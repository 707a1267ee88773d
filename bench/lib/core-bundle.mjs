// Bundles bench/core-entry.ts with esbuild (as scripts/build.mjs bundles the CLI) into the OS temp
// folder and imports it, so the benchmarks time the same minified code the CLI runs.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The core functions the benchmarks call: parsePlan, parseLog, fold, StateFolder, computeStatusView, … */
export async function loadCore() {
  const dir = mkdtempSync(join(tmpdir(), "phasegate-bench-core-"));
  const outfile = join(dir, "core.mjs");
  await build({
    entryPoints: [join(ROOT, "bench", "core-entry.ts")],
    outfile,
    bundle: true,
    minify: true,
    platform: "node",
    format: "esm",
    target: "node20",
    banner: { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' },
    logLevel: "warning",
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true }); // loaded: the file is no longer needed
  }
}
