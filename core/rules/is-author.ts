import type { TaskState } from "../events/state.js";
import type { Task } from "../plan/plan.js";

/** Whether `actor` is an author of the task's work: an assignee or the holder of its claim. */
export function isAuthor(task: Task, t: TaskState, actor: string): boolean {
  const login = actor.toLowerCase();
  return task.assignees.some((a) => a.toLowerCase() === login) || t.claim?.by.toLowerCase() === login;
}
