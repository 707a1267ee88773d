import { CommandRefused } from "../commands/command-refused.js";
import type { ApprovalPolicy } from "../commands/authorize-approver.js";
import type { Plan } from "../plan/plan.js";
import { parsePlan } from "../plan/parse-plan.js";
import type { Context } from "./context.js";
import { findPlan } from "./find-plan.js";

/**
 * The approval policy for a task as the plan says on the default branch: a branch or PR cannot
 * make its author an approver by editing the plan.
 */
export async function loadApprovalPolicy(
  ctx: Context,
  command: string,
  milestoneId: string,
  taskId: string,
  isSelf: boolean,
): Promise<ApprovalPolicy> {
  const branch = await ctx.repo.defaultBranch();
  const file = await findPlan(ctx.repo, milestoneId, branch);
  const plan: Plan | undefined = file ? parsePlan(file.text, file.path).plan : undefined;
  const task = plan?.tasks.find((t) => t.id === taskId);
  if (!plan || !task) {
    throw new CommandRefused(
      command,
      `approvers are read from the plan on the default branch (${branch}), and ${file ? `task ${taskId} is not in it` : "the plan is not there"} yet`,
      `merge the plan into ${branch} first`,
    );
  }
  return {
    approvers: task.approvers.length > 0 ? task.approvers : plan.approvers,
    minPermission: plan.settings.minApproverPermission,
    allowSelfApproval: plan.settings.allowSelfApproval,
    isSelf,
  };
}
