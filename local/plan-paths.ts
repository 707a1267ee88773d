import { realpath, stat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { listPlanFiles } from "../core/index.js";
import { confinePath } from "../local/confine-path.js";
import type { LocalRepo } from "../local/local-repo.js";
import { InputError } from "./inputs.js";

const YAML = /\.ya?ml$/;

export interface RepoPath {
  /** Repository-relative, `/`-separated: what annotations and the core's ports take. */
  path: string;
  kind: "file" | "folder";
}

/**
 * A `path` input (relative to the working directory) as a repository-relative path, confined to the
 * repository like every path the local adapters touch: outside it, or under `.git/`, is refused.
 */
export async function resolveRepoPath(repo: LocalRepo, workdir: string, given: string): Promise<RepoPath> {
  const absolute = resolve(await realpath(workdir).catch(() => workdir), given);
  const confined = await confinePath(repo.root, relative(repo.root, absolute).split(sep).join("/"), {
    allowRoot: true,
  });
  const info = await stat(confined.absolute).catch(() => undefined);
  if (!info) throw new InputError(`input "path": ${given}: no such file or folder in the repository`);
  return { path: confined.relative, kind: info.isDirectory() ? "folder" : "file" };
}

/**
 * The plan files to validate, as the CLI finds them: files as given; a folder gives its YAML files
 * and those of its `active/` and `completed/` subfolders (the original layout). No paths: every plan
 * in `.milestones/` (core's `listPlanFiles`).
 */
export async function expandPlanPaths(repo: LocalRepo, workdir: string, given: string[]): Promise<string[]> {
  if (given.length === 0) return listPlanFiles(repo);
  const files: string[] = [];
  for (const item of given) {
    const found = await resolveRepoPath(repo, workdir, item);
    if (found.kind === "file") {
      files.push(found.path);
      continue;
    }
    const prefix = found.path === "" ? "" : `${found.path}/`;
    for (const dir of [found.path, `${prefix}active`, `${prefix}completed`]) {
      files.push(...(await repo.list(dir === "" ? "." : dir)).filter((path) => YAML.test(path)));
    }
  }
  return [...new Set(files)];
}
