import { realpath, stat } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import type { LocalRepo } from "../local/local-repo.js";
import { InputError } from "./input-error.js";

/**
 * `working-directory` resolved against the workspace, refused when it (or a symlink on the way)
 * leads outside it: every path the action reads or writes is then inside the checkout.
 */
export async function resolveWorkdir(workspace: string, input: string): Promise<string> {
  const workdir = resolve(workspace, input);
  const [root, real] = await Promise.all([
    realpath(workspace).catch(() => workspace),
    realpath(workdir).catch(() => workdir),
  ]);
  const rel = relative(root, real);
  // `..` as the first segment leaves the workspace; `..legit` is a folder inside it.
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new InputError(`input "working-directory": ${input} is outside the workspace (${workspace})`);
  }
  return workdir;
}

/**
 * The workflow's checkout as a `Repo` (what `validate` and `import` read), refused when `workdir` is
 * no folder. The local adapters load here, with the command, not with the entry (ADR 35).
 */
export async function openWorkspaceRepo(workdir: string): Promise<LocalRepo> {
  if (!(await stat(workdir).catch(() => undefined))?.isDirectory()) {
    throw new InputError(`input "working-directory": ${workdir} is not a folder (is the repository checked out?)`);
  }
  const { LocalRepo } = await import("../local/local-repo.js");
  return LocalRepo.open(workdir);
}
