import type { ApprovalPolicy } from "../commands/authorize-approver.js";
import type { TaskState } from "../events/state.js";
import type { Phase, Plan, Task } from "../plan/plan.js";
import { gateRule } from "../plan/approval-rule.js";

/**
 * The approval policy of one gate. `plan` is the plan as committed on the default branch (the handle
 * only ever reads that one), so a branch or PR cannot make its author an approver or drop a gate.
 */
export function approvalPolicy(plan: Plan, task: Task, phase: Phase, isSelf: boolean): ApprovalPolicy {
  return {
    rule: gateRule(plan, task, phase),
    minPermission: plan.settings.minApproverPermission,
    allowSelfApproval: plan.settings.allowSelfApproval,
    isSelf,
  };
}

/**
 * The phase whose rule decides who may act, before the task's state is checked in detail: the one
 * named, else the task's active phase, else its first gate (authorization is settled first, and a
 * refusal then names the rule of the gate the actor most likely meant).
 */
export function gatePhase(task: Task, t: TaskState, named: string | undefined): Phase {
  const first = task.phases[0] as Phase;
  return task.phases.find((p) => p.id === (named ?? t.phase)) ?? task.phases.find((p) => p.approvalRequired) ?? first;
}
