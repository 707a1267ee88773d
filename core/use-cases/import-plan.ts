import { formatPlanIssue } from "../plan/plan-error.js";
import { importSpec, ImportSpecError, type ImportSpecInput, type ImportSpecResult } from "../interop/import-spec.js";
import { parsePlan } from "../plan/parse-plan.js";
import type { FileReader, Progress } from "../ports.js";
import { appendPlanTasks } from "../plan/append-plan-tasks.js";
import { importSpecsFolder, type ImportSpecsFolderResult } from "../interop/import-specs-folder.js";

/** The working tree's files, as the import reads and writes them. */
export interface ImportFiles extends FileReader {
  writeFile(path: string, text: string): Promise<void>;
}
import { findPlan, PLAN_DIRS } from "./find-plan.js";

/** What `importSpec` reads from a spec folder; `spec.json` also tells cc-sdd apart. */
export const SPEC_FILES = ["tasks.md", "spec.json", "requirements.md", "design.md", "spec.md", "plan.md"] as const;

/** `write` was asked for but a plan with this id exists; each shell says how to choose another id. */
export class PlanExists extends Error {
  constructor(readonly path: string) {
    super(`${path} already exists`);
    this.name = "PlanExists";
  }
}

export interface ImportPlanResult extends ImportSpecResult {
  /** Where the plan is (or would be) written: `.milestones/<id>.yaml`. */
  planFile: string;
  written: boolean;
}

/**
 * `import`, for every shell: read a spec folder through the Repo port (each path confined), turn it
 * into a plan, check the plan validates (an import that does not is a bug), and with `write` save it,
 * never over a plan that already has this id in any plan folder.
 */
export async function importPlan(
  repo: ImportFiles,
  input: Omit<ImportSpecInput, "files"> & { write: boolean },
): Promise<ImportPlanResult> {
  const files: Record<string, string> = {};
  for (const name of SPEC_FILES) {
    const file = await repo.read(input.folder === "" ? name : `${input.folder}/${name}`);
    if (file) files[name] = file.text;
  }
  const result = importSpec({ ...input, files });
  const planFile = `${PLAN_DIRS[0]}/${result.id}.yaml`;
  const { plan, issues } = parsePlan(result.yaml, planFile);
  if (!plan) {
    const listed = issues.map(formatPlanIssue).join("; ");
    throw new ImportSpecError(
      `the imported plan does not validate (a bug; please report it with the folder): ${listed}`,
    );
  }
  if (input.write) {
    const existing = await findPlan(repo, result.id);
    if (existing) throw new PlanExists(existing.path);
    await repo.writeFile(planFile, result.yaml);
  }
  return { ...result, planFile, written: input.write };
}

/** What a specs folder import reads from each spec folder: the spec files and Kiro's `.config.kiro`. */
export const SPEC_FOLDER_FILES = [...SPEC_FILES, ".config.kiro"] as const;

export interface ImportSpecsPlanResult extends Omit<ImportSpecsFolderResult, "tasks"> {
  planFile: string;
  written: boolean;
  /** Ids of the tasks added to an existing plan (re-import); undefined when the plan was new. */
  added?: string[];
}

/**
 * `import` of a folder of spec folders (`specs`: the sub-folder names, listed by the shell): one milestone,
 * one task per spec. With `write` and no plan of that id, the plan is written; with one, the specs it does
 * not have yet (by `spec`, else id) are appended as tasks, every other byte of the file kept.
 */
export async function importSpecsPlan(
  repo: ImportFiles,
  input: { folder: string; specs: string[]; write: boolean; id?: string; approvers?: string[]; approvals?: number },
  progress?: Progress,
): Promise<ImportSpecsPlanResult> {
  const specs: Record<string, Record<string, string>> = {};
  let done = 0;
  for (const name of input.specs) {
    progress?.update("import", "spec folders read", done++, input.specs.length);
    const files: Record<string, string> = {};
    for (const file of SPEC_FOLDER_FILES) {
      const found = await repo.read(`${input.folder ? `${input.folder}/` : ""}${name}/${file}`);
      if (found) files[file] = found.text;
    }
    if (Object.keys(files).some((f) => f.endsWith(".md"))) specs[name] = files;
  }
  progress?.update("import", "spec folders read", done, input.specs.length);
  if (Object.keys(specs).length === 0) {
    throw new ImportSpecError(
      `${input.folder || "."}: no tasks.md in the folder, and no spec folders in it (sub-folders with tasks.md, requirements.md, spec.md, design.md or plan.md)`,
    );
  }
  const { tasks, ...result } = importSpecsFolder({ ...input, specs });
  const existing = await findPlan(repo, result.id);
  const planFile = existing?.path ?? `${PLAN_DIRS[0]}/${result.id}.yaml`;
  let yaml = result.yaml;
  let added: string[] | undefined;
  if (existing) {
    const known = new Set(
      (parsePlan(existing.text, existing.path).plan?.tasks ?? []).flatMap((t) => [t.spec, t.id.toLowerCase()]),
    );
    const fresh = tasks.filter((t) => !known.has(t.spec) && !known.has(t.id.toLowerCase()));
    const appended = appendPlanTasks(existing.text, fresh);
    if (appended === undefined) {
      throw new ImportSpecError(
        `${existing.path}: its tasks are not a block list Phasegate can add to; add ${fresh.map((t) => t.id).join(", ")} by hand`,
      );
    }
    yaml = appended;
    added = fresh.map((t) => t.id);
  }
  const { plan, issues } = parsePlan(yaml, planFile);
  if (!plan) {
    const listed = issues.map(formatPlanIssue).join("; ");
    throw new ImportSpecError(`the imported plan does not validate: ${listed}`);
  }
  const write = input.write && (added === undefined || added.length > 0);
  if (write) await repo.writeFile(planFile, yaml);
  return { ...result, yaml, taskCount: plan.tasks.length, planFile, written: write, ...(added && { added }) };
}
