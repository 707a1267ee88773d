import type { TaskInput } from "./task-schema.js";

/**
 * The original protocol ran only tasks with `kiro_workflow.enabled: true` and migrated the rest
 * ("auto-migrate non-kiro tasks"). Files without `version` keep that rule. In version 1 every task
 * runs through the workflow unless it says `enabled: false`.
 */
export function isTaskCompliant(task: Pick<TaskInput, "kiro_workflow">, legacy: boolean): boolean {
  const enabled = task.kiro_workflow?.enabled;
  return legacy ? enabled === true : enabled !== false;
}
