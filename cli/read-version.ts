import { readFileSync } from "node:fs";

declare const __PHASEGATE_VERSION__: string | undefined;

/**
 * package.json's version, never written in the sources: put in the bundle at build time
 * (scripts/build.mjs), read from the checkout's package.json when run from sources (tests);
 * "unknown" when neither is there.
 */
export function readVersion(): string {
  if (typeof __PHASEGATE_VERSION__ === "string") return __PHASEGATE_VERSION__;
  try {
    return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
      .version;
  } catch {
    return "unknown";
  }
}
