import type { FileReader, FileSnapshot } from "../ports.js";

export { fileStem as milestoneIdOf } from "../plan/file-stem.js";

/** Folders plans are read from: the v1 layout and the original protocol's active/completed split. */
export const PLAN_DIRS = [".milestones", ".milestones/active", ".milestones/completed"] as const;
const EXTENSIONS = [".yaml", ".yml"];

/** The plan file of milestone `id`, or undefined. */
export async function findPlan(files: FileReader, id: string): Promise<FileSnapshot | undefined> {
  for (const dir of PLAN_DIRS) {
    for (const ext of EXTENSIONS) {
      const file = await files.read(`${dir}/${id}${ext}`);
      if (file) return file;
    }
  }
  return undefined;
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
