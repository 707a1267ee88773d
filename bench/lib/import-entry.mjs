// Bundles a TypeScript benchmark entry with esbuild (packages stay external) into a folder inside the
// repository, so the bundle's require() finds JSON packages (OpenAPI, webhook examples) in node_modules,
// and imports it. The folder is removed once the module is loaded.
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The module `bench/<entry>` exports, bundled on the fly. */
export async function importEntry(entry) {
  const dir = mkdtempSync(join(ROOT, ".bench-tmp-"));
  const outfile = join(dir, "entry.mjs");
  await build({
    entryPoints: [join(ROOT, "bench", entry)],
    outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  try {
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
