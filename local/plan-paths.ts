import { realpath, stat } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { listPlanFiles } from "../core/index.js";
import { confinePath } from "./confine-path.js";
import type { LocalRepo } from "./local-repo.js";

const YAML = /\.ya?ml$/;

/** A path the user named does not exist in the repository. */
export class MissingPath extends Error {
  constructor(readonly path: string) {
    super(`${path}: no such file or folder in the repository`);
    this.name = "MissingPath";
  }
}

export interface RepoPath {
  /** Repository-relative, `/`-separated: what annotations and the core's ports take. */
  path: string;
  kind: "file" | "folder";
}

/**
 * A path the user gave (relative to their working directory) as a repository-relative path, confined to the
 * repository like every path the local adapters touch: outside it, or under `.git/`, is refused.
 */
export async function resolveRepoPath(repo: LocalRepo, workdir: string, given: string): Promise<RepoPath> {
  const absolute = resolve(await realpath(workdir).catch(() => workdir), given);
  const confined = await confinePath(repo.root, relative(repo.root, absolute).split(sep).join("/"), {
    allowRoot: true,
  });
  const info = await stat(confined.absolute).catch(() => undefined);
  if (!info) throw new MissingPath(given);
  return { path: confined.relative, kind: info.isDirectory() ? "folder" : "file" };
}

/**
 * The plan files to validate or migrate (the CLI's arguments, the Action's `path` input): files as given; a folder gives its YAML files
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
