import { checkTaskGraph, type GraphTask } from "./check-task-graph.js";
import { isRecord } from "./is-record.js";
import { checkIdMatchesFile, checkRequires, type ValidateContext } from "./validate-plan.js";

/**
 * The rules across fields (id and file name, task ids, dependencies, required milestones) on a plan
 * the schema rejected, so that one run reports every error, not these only once the format errors
 * are fixed. Only the parts whose shape is right take part; the schema has named the rest.
 */
export function checkRawPlan(data: Record<string, unknown>, context: ValidateContext): void {
  if (typeof data.id === "string") checkIdMatchesFile(data.id, context);
  const tasks = Array.isArray(data.tasks) ? data.tasks : [];
  checkTaskGraph(tasks.map(toGraphTask), context.reporter);
  const requires = isRecord(data.dependencies) ? data.dependencies.requires : undefined;
  if (typeof data.id === "string" && isStringList(requires)) checkRequires(data.id, requires, context);
}

function toGraphTask(task: unknown): GraphTask {
  if (!isRecord(task) || typeof task.id !== "string" || task.id === "") return { id: undefined, dependencies: [] };
  const dependencies = task.dependencies === undefined ? [] : task.dependencies;
  return { id: task.id, dependencies: isStringList(dependencies) ? dependencies : [] };
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((v) => typeof v === "string");
}
