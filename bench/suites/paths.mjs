// Files the suites start or import, and the environment the CLI runs in.
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = fileURLToPath(new URL("../../bin/phasegate.js", import.meta.url));
export const DIST = new URL("../../dist/phasegate.mjs", import.meta.url);
export const BASELINE = fileURLToPath(new URL("../lib/baseline.mjs", import.meta.url));

/** The caller's environment without PHASEGATE_* overrides, so every machine resolves the actor the same way (git config). */
export function cliEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("PHASEGATE_")));
}

/** Run the CLI's exported `main` with its output discarded; throws unless it exits 0. */
export async function runMain(main, argv, cwd, env) {
  let errors = "";
  const io = { out() {}, err: (text) => void (errors += text), json: false };
  const code = await main(argv, io, { cwd, env });
  if (code !== 0) throw new Error(`phasegate ${argv.join(" ")} exited ${code}: ${errors}`);
}
