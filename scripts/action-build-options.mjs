// The GitHub Action's esbuild options (scripts/build.mjs; test/action/action-chunks.test.ts builds the same way).
import { join } from "node:path";
import { directCoreImports } from "./direct-core-imports.mjs";
import { quietSecretlint } from "./quiet-secretlint.mjs";
import { yamlEsModules } from "./yaml-es-modules.mjs";

// @actions/core imports its OIDC client (and through it an HTTP client and undici, ~400 KiB) at the
// top of its index, though only getIDToken uses it, which Phasegate never calls: a stub stands in, so
// `validate` starts without them (API mode still loads undici through @actions/github, in its chunk).
const noOidc = {
  name: "no-oidc-client",
  setup(b) {
    b.onResolve({ filter: /oidc-utils\.js$/ }, (args) =>
      args.importer.includes("@actions/core")
        ? { path: join(process.cwd(), "scripts/stubs/oidc-utils.mjs") }
        : undefined,
    );
  },
};

/**
 * `dist/action/index.js` and its chunks in `dist/action/chunks/` (ADR 35). action.yml runs the entry
 * on node24; the runner checks out the whole repository at the tag, so the root package.json's
 * "type": "module" makes the `.js` files ESM. The entry reads the inputs and loads the module of the
 * one command that runs (`dispatch` in action/run.ts); each command's chunk holds what it uses, with
 * the core's imports traced past its barrel (scripts/direct-core-imports.mjs), so `validate` loads
 * the plan parser and the checkout's files, not the use cases, the log, Octokit or secretlint.
 * Chunk names are content hashes: the same sources give the same files.
 */
export function actionBuildOptions({ outdir, define, banner }) {
  return {
    entryPoints: { index: "action/index.ts" },
    define,
    plugins: [noOidc, yamlEsModules(), directCoreImports(), quietSecretlint()],
    outdir,
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    minify: true,
    // No map: the committed bundle stays reviewable, and the runtime cannot load maps anyway.
    sourcemap: false,
    platform: "node",
    format: "esm",
    target: "node20",
    banner,
    logLevel: "warning",
  };
}
