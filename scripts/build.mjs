// Bundles each shell with esbuild: a bundle starts the CLI ~40 % faster than resolving a few hundred
// modules, and the Action must ship as a committed bundle anyway. The CLI is split per command (ADR 28).
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { cliBuildOptions, removeCliChunks } from "./cli-build-options.mjs";
import { quietSecretlint } from "./quiet-secretlint.mjs";

// ESM bundles that pull CommonJS dependencies need a real `require` (toolchain notes: "Dynamic require of net").
const banner = { js: 'import { createRequire as __cr } from "node:module"; const require = __cr(import.meta.url);' };

// The build id: a hash of the core's sources. Plans parsed by one build are cached by blob id in the
// git directory (local/plan-cache.ts); any change to the core names a new cache.
const sources = readdirSync("core", { recursive: true })
  .map(String)
  .filter((f) => f.endsWith(".ts"))
  .sort();
const digest = createHash("sha256");
for (const file of sources) digest.update(file).update(readFileSync(join("core", file)));
const { version } = JSON.parse(readFileSync("package.json", "utf8"));
const define = {
  __PHASEGATE_BUILD__: JSON.stringify(digest.digest("hex").slice(0, 16)),
  __PHASEGATE_VERSION__: JSON.stringify(version),
};

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

// Chunk names change with their contents: start the chunk folders afresh so no stale chunk stays.
rmSync("dist/action", { recursive: true, force: true });
removeCliChunks("dist");

await Promise.all([
  build(cliBuildOptions({ outdir: "dist", define, banner })),
  // The GitHub Action: action.yml runs dist/action/index.js on node24. The runner checks out the whole
  // repository at the tag, so the root package.json's "type": "module" makes this `.js` file ESM.
  build({
    entryPoints: { index: "action/index.ts" },
    define,
    plugins: [noOidc, quietSecretlint()],
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
