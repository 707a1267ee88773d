import type { ApprovalPolicy } from "../commands/authorize-approver.js";
import type { Plan, Task } from "../plan/plan.js";

/**
 * The approval policy for a task. `plan` is the plan as committed on the default branch (the handle
 * only ever reads that one), so a branch or PR cannot make its author an approver or drop a gate.
 */
export function approvalPolicy(plan: Plan, task: Task, isSelf: boolean): ApprovalPolicy {
  return {
    approvers: task.approvers.length > 0 ? task.approvers : plan.approvers,
    minPermission: plan.settings.minApproverPermission,
    allowSelfApproval: plan.settings.allowSelfApproval,
    isSelf,
  };
}
