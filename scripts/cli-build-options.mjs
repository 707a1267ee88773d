// The CLI's esbuild options (scripts/build.mjs; test/cli/cli-bundle.test.ts builds the same way).
import { existsSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { directCoreImports } from "./direct-core-imports.mjs";
import { quietSecretlint } from "./quiet-secretlint.mjs";
import { yamlEsModules } from "./yaml-es-modules.mjs";

/** Chunk files start with this, beside the entry `phasegate.mjs`. */
const CHUNK_PREFIX = "phasegate-";

/**
 * `dist/phasegate.mjs` and its chunks: one per command (cli/main.ts loads a command's module when it
 * runs) and shared ones, so `claim` loads about a third of the code `help` does and never the plan
 * schemas, YAML, Octokit or secretlint. The chunks sit beside the entry, not in a folder: modules
 * find the launcher, package.json and docs/ relative to their own file (`../bin/phasegate.js`).
 */
export function cliBuildOptions({ outdir, define, banner }) {
  return {
    entryPoints: { phasegate: "cli/main.ts" },
    define,
    plugins: [yamlEsModules(), directCoreImports(), quietSecretlint()],
    outdir,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    chunkNames: `${CHUNK_PREFIX}[name]-[hash]`,
    minify: true,
    sourcemap: "linked",
    platform: "node",
    format: "esm",
    target: "node20",
    banner,
    logLevel: "warning",
  };
}

/** Remove the chunks of earlier builds from `outdir` (their names change with their contents). */
export function removeCliChunks(outdir) {
  if (!existsSync(outdir)) return;
  const files = readdirSync(outdir, { withFileTypes: true }).filter(
    (e) => e.isFile() && e.name.startsWith(CHUNK_PREFIX),
  );
  for (const file of files) rmSync(join(outdir, file.name), { force: true });
  rmSync(join(outdir, "chunks"), { recursive: true, force: true });
}
