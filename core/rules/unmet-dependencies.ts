import type { MilestoneState } from "../events/state.js";
import type { Task } from "../plan/plan.js";

/** The task's dependencies that are not completed yet, in the plan's order. */
export function unmetDependencies(task: Task, state: MilestoneState): string[] {
  return task.dependencies.filter((d) => state.tasks.find((x) => x.id === d)?.status !== "completed");
}
