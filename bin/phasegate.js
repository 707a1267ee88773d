#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm ci` / `npm run build` (the `prepare` script).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const main = new URL("../dist/phasegate.mjs", import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write("phasegate: not built yet; run `npm ci` (or `npm run build`) in the phasegate checkout\n");
  process.exit(2);
}
const { main: run } = await import(main.href);
process.exitCode = await run(process.argv.slice(2));
