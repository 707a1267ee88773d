import type { MilestoneState, TaskState } from "../events/state.js";
import { unmetDependencies } from "../rules/unmet-dependencies.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { Phase, Plan, Task } from "../plan/plan.js";

/** The task's active phase, or a refusal that says what is in the way. */
export function requireActivePhase(
  command: string,
  plan: Plan,
  state: MilestoneState,
  taskId: string,
  phaseId?: string,
): { task: Task; phase: Phase; t: TaskState } {
  const { task, t } = requireTask(command, plan, state, taskId);
  if (t.status === "completed") throw new CommandRefused(command, `${task.id} is already completed`);
  if (t.status !== "in_progress" || !t.phase) {
    const unmet = unmetDependencies(task, state);
    const why = unmet.length > 0 ? `it depends on ${unmet.join(", ")}, not completed yet` : "it has not started";
    throw new CommandRefused(
      command,
      `${task.id} is not in a phase: ${why}`,
      unmet.length > 0
        ? { code: "dependencies-open", whoCan: "complete the dependencies first" }
        : { code: "not-started", next: { verb: "start", milestone: plan.id, task: task.id } },
    );
  }
  if (phaseId !== undefined && phaseId !== t.phase) {
    throw new CommandRefused(command, `${task.id} is in ${t.phase}, not ${phaseId}`);
  }
  const phase = task.phases.find((p) => p.id === t.phase) as Phase;
  return { task, phase, t };
}

/** The task and its state, or a refusal when the milestone is not active or the task unknown. */
export function requireTask(
  command: string,
  plan: Plan,
  state: MilestoneState,
  taskId: string,
): { task: Task; t: TaskState } {
  const task = requirePlanTask(command, plan, taskId);
  const index = plan.tasks.indexOf(task);
  if (state.status !== "in_progress") {
    const hint =
      state.status === "planned" ? "activate it first" : state.status === "completed" ? undefined : "resume it first";
    throw new CommandRefused(command, `milestone ${plan.id} is ${state.status}`, hint);
  }
  return { task, t: state.tasks[index] as TaskState };
}

/** The plan's task `taskId` (from the plan alone, before any state is judged), or a refusal naming the tasks. */
export function requirePlanTask(command: string, plan: Plan, taskId: string): Task {
  const task = plan.tasks.find((x) => x.id === taskId);
  if (task) return task;
  throw new CommandRefused(command, `no task ${taskId} in milestone ${plan.id}`, {
    code: "unknown-task",
    whoCan: `tasks: ${plan.tasks.map((x) => x.id).join(", ")}`,
  });
}
