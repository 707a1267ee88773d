import { formatPlanIssue } from "../plan/plan-error.js";
import { importSpec, ImportSpecError, type ImportSpecInput, type ImportSpecResult } from "../interop/import-spec.js";
import { parsePlan } from "../plan/parse-plan.js";
import type { FileReader } from "../ports.js";

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
