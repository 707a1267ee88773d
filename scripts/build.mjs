// Bundles each shell into one ESM file with esbuild: one file to load starts the CLI ~40 % faster
// than resolving a few hundred modules, and the Action must ship as a committed bundle anyway.
import { build } from "esbuild";

// ESM bundles that pull CommonJS dependencies need a real `require` (toolchain notes: "Dynamic require of net").
const banner = { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' };

await Promise.all([
  build({
    entryPoints: { phasegate: "cli/main.ts" },
    outdir: "dist",
    outExtension: { ".js": ".mjs" },
    bundle: true,
    minify: true,
    sourcemap: "linked",
    platform: "node",
    format: "esm",
    target: "node20",
    banner,
    logLevel: "warning",
  }),
  // The GitHub Action: action.yml runs dist/action/index.js on node24. The runner checks out the whole
  // repository at the tag, so the root package.json's "type": "module" makes this `.js` file ESM.
  build({
    entryPoints: { index: "action/index.ts" },
    outdir: "dist/action",
    bundle: true,
    // Chunks: API mode (Octokit, the adapter) and secretlint load only when a command needs them, so
    // `validate` starts fast. Chunk names are content hashes: the same sources give the same files.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    minify: true,
    // No map: the committed bundle stays one reviewable file, and the runtime cannot load maps anyway.
    sourcemap: false,
    platform: "node",
    format: "esm",
    target: "node20",
    banner,
    logLevel: "warning",
  }),
  // The GitHub App: `npm start` runs dist/app/start.js (checks the environment, then Probot's server);
  // dist/app/index.js is the app function for `probot run`. Built, not committed.
  build({
    entryPoints: { index: "app/index.ts", start: "app/start.ts" },
    outdir: "dist/app",
    bundle: true,
    sourcemap: "linked",
    platform: "node",
    format: "esm",
    target: "node20",
    // Probot reads its own package.json and views at run time: keep it (and its tree) in node_modules.
    packages: "external",
    banner,
    logLevel: "warning",
  }),
]);
