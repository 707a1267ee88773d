import type { FileReader, FileSnapshot } from "../ports.js";

export { fileStem as milestoneIdOf } from "../plan/file-stem.js";

/** Folders plans are read from: the v1 layout and the original protocol's active/completed split. */
export const PLAN_DIRS = [".milestones", ".milestones/active", ".milestones/completed"] as const;
const EXTENSIONS = [".yaml", ".yml"];

/** More than one file claims the same milestone id: which one is meant is not for Phasegate to guess. */
export class AmbiguousPlan extends Error {
  constructor(
    readonly milestoneId: string,
    readonly paths: string[],
  ) {
    super(`milestone "${milestoneId}" has more than one plan file: ${paths.join(", ")}; keep one`);
    this.name = "AmbiguousPlan";
  }
}

/** Every path the plan file of milestone `id` may have. */
export function planPaths(id: string): string[] {
  return PLAN_DIRS.flatMap((dir) => EXTENSIONS.map((ext) => `${dir}/${id}${ext}`));
}

/** The plan file of milestone `id`, or undefined; AmbiguousPlan when several files claim it. */
export async function findPlan(files: FileReader, id: string): Promise<FileSnapshot | undefined> {
  const candidates = planPaths(id);
  const found = (await Promise.all(candidates.map((path) => files.read(path)))).filter((f) => f !== undefined);
  if (found.length > 1)
    throw new AmbiguousPlan(
      id,
      found.map((f) => f.path),
    );
  return found[0];
}

/** Every plan file in the plan folders, in a stable order. */
export async function listPlanFiles(files: FileReader): Promise<string[]> {
  const found: string[] = [];
  for (const dir of PLAN_DIRS) {
    for (const path of await files.list(dir)) {
      if (EXTENSIONS.some((ext) => path.endsWith(ext))) found.push(path);
    }
  }
  return found.sort();
}

export function logPath(milestoneId: string): string {
  return `.milestones/logs/${milestoneId}.jsonl`;
}

export function sessionPath(sessionId: string): string {
  return `.milestones/sessions/${sessionId}.yaml`;
}
