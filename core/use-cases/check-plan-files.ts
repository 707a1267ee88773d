import type { Plan } from "../plan/plan.js";
import type { PlanIssue } from "../plan/plan-error.js";
import { SYMLINK_IN_GIT } from "../plan/symlink-in-git.js";
import type { FileReader, FileSnapshot } from "../ports.js";
import { parsePlanOnDemand } from "./parse-plan-on-demand.js";
import { AmbiguousPlan, listPlanFiles, milestoneIdOf, planPaths } from "./find-plan.js";

/** One plan file as checked: its issues at file:line:column, and the plan when none is an error. */
export interface PlanFileCheck {
  path: string;
  plan?: Plan;
  issues: PlanIssue[];
}

export interface CheckPlanFilesOptions {
  /** How a path is shown in issues (the CLI shows paths relative to where it runs); the path itself by default. */
  shown?: (path: string) => string;
}

/**
 * Check plan files the one way every shell does (`phasegate validate`, the Action's `validate`, the
 * App's `phasegate/plan` check): each path read through `files`, refused when it is a symlink or when
 * another file claims its milestone id, else parsed and validated, with `dependencies.requires`
 * checked against the milestones that exist in `files`. A path that does not exist is left out.
 *
 * Reads: the paths and every file that could claim their ids, asked together (one query on GitHub);
 * the plan folders are listed only for a plan that requires another milestone.
 */
export async function checkPlanFiles(
  files: FileReader,
  paths: readonly string[],
  options: CheckPlanFilesOptions = {},
): Promise<PlanFileCheck[]> {
  const shown = options.shown ?? ((path: string) => path);
  const wanted = [...new Set([...paths, ...paths.flatMap((path) => planPaths(milestoneIdOf(path)))])];
  const read = new Map(
    (await Promise.all(wanted.map((path) => files.read(path)))).flatMap((file, i) =>
      file ? [[wanted[i]!, file] as const] : [],
    ),
  );
  let known: Promise<string[]> | undefined;
  const knownMilestones = () =>
    (known ??= listPlanFiles(files).then((listed) => [...new Set([...listed, ...paths].map(milestoneIdOf))]));
  const checks: PlanFileCheck[] = [];
  for (const path of new Set(paths)) {
    const file = read.get(path);
    if (!file) continue;
    const refusal = refusalOf(file, read);
    if (refusal) {
      checks.push({ path, issues: [{ ...refusal, file: shown(path) }] });
      continue;
    }
    // A plan that may require others is checked against the milestones there are, in the one parse.
    const options = /requires/.test(file.text) ? { knownMilestones: await knownMilestones() } : {};
    const result = await parsePlanOnDemand(file.text, shown(path), options);
    checks.push({ path, issues: result.issues, ...(result.plan && { plan: result.plan }) });
  }
  return checks;
}

/** A symlinked plan, or one whose milestone id another file claims too: not parsed, refused. */
function refusalOf(file: FileSnapshot, read: ReadonlyMap<string, FileSnapshot>): Omit<PlanIssue, "file"> | undefined {
  const at = { line: 1, column: 1, path: "", severity: "error" as const };
  if (file.symlink) {
    return {
      ...at,
      code: "symlinked-plan",
      message: `refused path ${JSON.stringify(file.path)}: ${SYMLINK_IN_GIT}`,
    };
  }
  // Only the plan folders claim a milestone id (the engine finds a plan there by id): a file checked
  // from elsewhere (a draft, a fixture) is checked as itself, whatever id its name gives.
  const id = milestoneIdOf(file.path);
  const claims = planPaths(id);
  if (!claims.includes(file.path)) return undefined;
  const found = claims.filter((p) => read.has(p));
  if (found.length < 2) return undefined;
  return { ...at, code: "ambiguous-plan", message: new AmbiguousPlan(id, found).message };
}
