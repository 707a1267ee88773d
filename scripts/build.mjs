// Bundles each shell with esbuild: a bundle starts the CLI ~40 % faster than resolving a few hundred
// modules, and the Action must ship as a committed bundle anyway. The CLI (ADR 28) and the Action
// (ADR 35) are split per command.
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { actionBuildOptions } from "./action-build-options.mjs";
import { cliBuildOptions, removeCliChunks } from "./cli-build-options.mjs";

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

// Chunk names change with their contents: start the chunk folders afresh so no stale chunk stays.
rmSync("dist/action", { recursive: true, force: true });
removeCliChunks("dist");

await Promise.all([
  build(cliBuildOptions({ outdir: "dist", define, banner })),
  build(actionBuildOptions({ outdir: "dist/action", define, banner })),
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
