import { traceRequirements } from "../interop/trace-requirements.js";

/** A file of the spec folder the check reads besides the deliverable itself. */
export interface CompanionFile {
  path: string;
  text: string;
}

/** The files `requirements_covered` reads beside a deliverable: the task list and the requirement documents. */
export const COVERAGE_FILES = ["tasks.md", "requirements.md", "spec.md"] as const;

const name = (path: string) => path.slice(path.lastIndexOf("/") + 1);

/**
 * `requirements_covered`: every requirement of the folder's requirements.md / spec.md is referenced by a task
 * of its tasks.md. The deliverable may be either side (tasks.md in the task phase, requirements.md in the spec
 * phase once tasks.md exists). Unknown references are notes, not problems: the trace shows them at their line.
 */
export function checkRequirementsCovered(
  deliverable: CompanionFile,
  companions: CompanionFile[],
): { problems: string[]; notes: string[] } {
  const files = [deliverable, ...companions.filter((c) => c.path !== deliverable.path)];
  const tasks = files.find((f) => name(f.path) === "tasks.md");
  const requirements = files.filter((f) => name(f.path) === "requirements.md" || name(f.path) === "spec.md");
  if (!tasks) return { problems: [`${deliverable.path}: requirements_covered needs a tasks.md beside it`], notes: [] };
  if (requirements.length === 0)
    return {
      problems: [`${deliverable.path}: requirements_covered needs a requirements.md or spec.md beside it`],
      notes: [],
    };
  const trace = traceRequirements({ tasks, requirements });
  const notes = trace.warnings.map((w) => `${tasks.path}:${w.line}: ${w.message}`);
  if (trace.rows.length === 0)
    return { problems: [`${requirements.map((r) => r.path).join(", ")}: no requirement found to cover`], notes };
  if (trace.uncovered.length === 0) return { problems: [], notes };
  const shown = trace.uncovered.slice(0, 10).join(", ") + (trace.uncovered.length > 10 ? ", …" : "");
  const message = `${tasks.path}: ${trace.uncovered.length} of ${trace.rows.length} requirements are referenced by no task: ${shown}`;
  return { problems: [message], notes };
}
