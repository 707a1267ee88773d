import type { TaskState } from "../events/state.js";
import type { Task } from "../plan/plan.js";

/**
 * Whether `actor` authored the task's work: an assignee in the plan on the default branch, or anyone
 * the log shows claimed it or started it by hand, even if they released it or were unassigned since.
 */
export function isAuthor(task: Task, t: TaskState, actor: string): boolean {
  const login = actor.toLowerCase();
  return (
    task.assignees.some((a) => a.toLowerCase() === login) ||
    t.authors.includes(login) ||
    t.claim?.by.toLowerCase() === login
  );
}
