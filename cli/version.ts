import { readFileSync } from "node:fs";

declare const __PHASEGATE_VERSION__: string | undefined;

/** package.json's version: put in the bundle at build time; read from the checkout when run from sources (tests). */
export function findVersion(): string {
  if (typeof __PHASEGATE_VERSION__ === "string") return __PHASEGATE_VERSION__;
  try {
    return (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string })
      .version;
  } catch {
    return "unknown";
  }
}
