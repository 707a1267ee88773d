import { lstat, readdir, realpath, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { listPlanFiles, PLAN_DIRS, type FileReader } from "../core/index.js";
import { confinePath, PathRefused, SYMLINK_IN_GIT } from "./confine-path.js";

/**
 * A checkout's files, read through the core's FileReader port, and the folder they are in: what a
 * path the user typed is resolved and confined against (LocalRepo is one).
 */
export interface CheckoutFiles extends FileReader {
  readonly root: string;
}

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
export async function resolveRepoPath(repo: CheckoutFiles, workdir: string, given: string): Promise<RepoPath> {
  const absolute = resolve(await realpath(workdir).catch(() => workdir), given);
  const inside = relative(repo.root, absolute);
  if (inside === ".." || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new PathRefused(given, `it is outside the repository (${repo.root})`);
  }
  const confined = await confinePath(repo.root, inside.split(sep).join("/"), {
    allowRoot: true,
  });
  const info = await stat(confined.absolute).catch(() => undefined);
  if (!info) throw new MissingPath(given);
  return { path: confined.relative, kind: info.isDirectory() ? "folder" : "file" };
}

/**
 * The plan files to validate or migrate (the CLI's arguments, the Action's `path` input): files as given; a folder gives its YAML files
 * and those of its `active/` and `completed/` subfolders (the original layout). No paths: every plan
 * in `.milestones/` (core's `listPlanFiles`). `symlinks`: YAML symlinks in those folders too, for a
 * caller that refuses them (refuseSymlinkedPlan) rather than skipping them.
 */
export async function expandPlanPaths(
  repo: CheckoutFiles,
  workdir: string,
  given: string[],
  options: { symlinks?: boolean } = {},
): Promise<string[]> {
  const symlinks = (dirs: readonly string[]) => (options.symlinks ? symlinkedPlans(repo, dirs) : []);
  if (given.length === 0) return [...(await listPlanFiles(repo)), ...(await symlinks(PLAN_DIRS))].sort();
  const files: string[] = [];
  for (const item of given) {
    const found = await resolveRepoPath(repo, workdir, item);
    if (found.kind === "file") {
      files.push(found.path);
      continue;
    }
    const prefix = found.path === "" ? "" : `${found.path}/`;
    const dirs = [found.path, `${prefix}active`, `${prefix}completed`];
    for (const dir of dirs) files.push(...(await repo.list(dir === "" ? "." : dir)).filter((path) => YAML.test(path)));
    files.push(...(await symlinks(dirs)));
  }
  return [...new Set(files)];
}

/**
 * YAML symlinks in `dirs`: listed so that `validate` refuses them as `status` does (plans are read
 * from git, where a symlink is only its target's name), instead of skipping them without a word.
 */
async function symlinkedPlans(repo: CheckoutFiles, dirs: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  for (const dir of dirs) {
    // A folder that cannot be resolved (a reader whose root is not on disk) has no symlinks to list.
    const confined = await confinePath(repo.root, dir === "" ? "." : dir, { allowRoot: true }).catch(ifMissing);
    if (!confined) continue;
    const { relative: rel, absolute } = confined;
    const entries = await readdir(absolute, { withFileTypes: true }).catch(() => []);
    const prefix = rel === "" ? "" : `${rel}/`;
    found.push(...entries.filter((e) => e.isSymbolicLink() && YAML.test(e.name)).map((e) => prefix + e.name));
  }
  return found;
}

/** Refuse a plan file that is a symlink in the working tree, with the words `status` uses for one in git. */
export async function refuseSymlinkedPlan(repo: CheckoutFiles, path: string): Promise<void> {
  const info = await lstat(join(repo.root, ...path.split("/"))).catch(() => undefined);
  if (info?.isSymbolicLink()) throw new PathRefused(path, SYMLINK_IN_GIT);
}

function ifMissing(error: unknown): undefined {
  if ((error as NodeJS.ErrnoException | undefined)?.code === "ENOENT") return undefined;
  throw error;
}
