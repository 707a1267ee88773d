import type { PlanIssue } from "../plan/plan-error.js";
import type { FileReader } from "../ports.js";
import { checkPlanFiles } from "./check-plan-files.js";
import { checkRepositorySettings } from "./check-settings-file.js";

/** One file `validate` checked: a plan (with its task count), or the settings file (`settings`). */
export interface ValidatedFile {
  file: string;
  ok: boolean;
  tasks: number;
  issues: PlanIssue[];
  settings?: true;
}

export interface Validation {
  /** The plans in the order asked, then `.github/phasegate.yml` when the repository has one. */
  files: ValidatedFile[];
  plans: number;
  /** The plans that do not validate. */
  failedPlans: ValidatedFile[];
  /** The settings file does not validate: every plan's decisions depend on it. */
  settingsFailed: boolean;
}

/**
 * What `validate` checks, for the CLI and the Action alike: the plan files (checkPlanFiles:
 * symlinked and ambiguous plans refused, milestone dependencies checked against every plan) and the
 * repository's settings file. `shown` names a path as the caller shows paths.
 */
export async function validateFiles(
  files: FileReader,
  paths: readonly string[],
  options: { shown?: (path: string) => string } = {},
): Promise<Validation> {
  const shown = options.shown ?? ((path: string) => path);
  const plans: ValidatedFile[] = (await checkPlanFiles(files, paths, { shown })).map((check) => ({
    file: shown(check.path),
    ok: Boolean(check.plan),
    tasks: check.plan?.tasks.length ?? 0,
    issues: check.issues,
  }));
  const settings = await checkRepositorySettings(files, shown);
  return {
    files: settings ? [...plans, { ...settings, tasks: 0, settings: true }] : plans,
    plans: plans.length,
    failedPlans: plans.filter((plan) => !plan.ok),
    settingsFailed: settings?.ok === false,
  };
}
