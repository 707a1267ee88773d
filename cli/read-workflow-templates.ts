import { readdir, readFile } from "node:fs/promises";

/**
 * The Action-only workflow set (docs/workflows/action-only/*.yml), the one copy the docs show and
 * `phasegate init` writes. Read next to the package: `cli/` in a checkout and `dist/` in the build
 * are both one folder below it (package.json lists docs/workflows among its files).
 */
export async function readWorkflowTemplates(): Promise<{ name: string; text: string }[]> {
  const dir = new URL("../docs/workflows/action-only/", import.meta.url);
  const names = (await readdir(dir)).filter((name) => name.endsWith(".yml")).sort();
  return Promise.all(names.map(async (name) => ({ name, text: await readFile(new URL(name, dir), "utf8") })));
}
