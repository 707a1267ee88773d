import { readdir, readFile, stat } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { PLAN_DIRS } from "../core/index.js";

const YAML = /\.ya?ml$/;

/**
 * Expand the user's arguments into plan files: files as given; a folder gives its YAML files and
 * those of its `active/` and `completed/` subfolders (the original layout). No arguments: the
 * plan folders under `root`. Paths are returned relative to `cwd`, as the user would type them.
 */
export async function expandPlanArgs(cwd: string, root: string, args: string[]): Promise<string[]> {
  const targets = args.length > 0 ? args.map((a) => resolve(cwd, a)) : [resolve(root, PLAN_DIRS[0])];
  const files: string[] = [];
  for (const target of targets) {
    const info = await stat(target).catch(() => undefined);
    if (!info) throw new Error(`${relative(cwd, target) || "."}: no such file or folder`);
    if (info.isFile()) files.push(target);
    else
      for (const dir of [target, join(target, "active"), join(target, "completed")])
        files.push(...(await yamlFilesIn(dir)));
  }
  return [...new Set(files)].map((f) => relative(cwd, f) || f);
}

async function yamlFilesIn(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile() && YAML.test(e.name))
    .map((e) => join(dir, e.name))
    .sort();
}

export async function readText(cwd: string, path: string): Promise<string> {
  return readFile(resolve(cwd, path), "utf8");
}
