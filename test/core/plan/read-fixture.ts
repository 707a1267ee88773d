import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../fixtures/plans/", import.meta.url));

/** The text of `test/fixtures/plans/<path>`. */
export function readFixture(path: string): string {
  return readFileSync(root + path, "utf8");
}
