// The example repository's test command (plan: settings.test_command). Phasegate runs it without a
// shell as the local "CI green" signal; it fails while any source file still has a conflict marker.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

function* files(dir) {
  for (const name of readdirSync(dir)) {
    if (name === ".git" || name === "node_modules") continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else if (path.endsWith(".js")) yield path;
  }
}
let failed = 0;
for (const file of files("src")) {
  if (/^<{7} /m.test(readFileSync(file, "utf8"))) {
    console.error(`FAIL ${file}: unresolved merge conflict`);
    failed++;
  }
}
console.log(failed ? `${failed} failing` : "smoke: all good");
process.exit(failed ? 1 : 0);
