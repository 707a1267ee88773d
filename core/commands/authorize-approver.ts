import type { Permission } from "../plan/plan.js";
import type { ApprovalRule } from "../plan/approval-rule.js";
import { roleOf, whoCanApprove, type GateFacts } from "../rules/evaluate-gate.js";

const RANK: Record<Permission | "none", number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export function hasPermission(actual: Permission | "none", min: Permission): boolean {
  return RANK[actual] >= RANK[min];
}

/** What the forge said about the actor; gathered by the use case, judged here. */
export interface ActorFacts {
  actor: string;
  permission: Permission | "none";
}

export interface ApprovalPolicy {
  /** The gate's rule from the plan on the default branch (core/plan/approval-rule.ts). */
  rule: ApprovalRule;
  minPermission: Permission;
  allowSelfApproval: boolean;
  /** The actor is an assignee or the claimant of the task. */
  isSelf: boolean;
}

export type Authorization = { ok: true; role: string } | { ok: false; reason: string; whoCan: string };

/**
 * May `actor` approve or reject a gate? They must belong to one of the rule's groups (a listed login,
 * a team member, a code owner of a deliverable; anyone when a group names nobody), have the minimum
 * permission (always checked, even for listed approvers), and not be an author of the task unless
 * the plan allows it. Whether the gate then passes is evaluateGate's call.
 */
export function authorizeApprover(facts: ActorFacts, policy: ApprovalPolicy, gate: GateFacts): Authorization {
  const named = whoCanApprove(policy.rule, gate);
  const whoCan =
    named === "any collaborator"
      ? `anyone with ${policy.minPermission} access`
      : `approvers: ${named}, with ${policy.minPermission} access`;
  const found = roleOf(policy.rule, facts.actor, gate);
  if ("unknown" in found) {
    const note =
      found.unknown.length > 0
        ? ` (team membership of ${found.unknown.join(", ")} cannot be checked here; list the user by name, or the team under \`teams\` in .github/phasegate.yml)`
        : "";
    return { ok: false, reason: `${facts.actor} is not an approver${note}`, whoCan };
  }
  if (!hasPermission(facts.permission, policy.minPermission)) {
    return {
      ok: false,
      reason: `${facts.actor} has ${facts.permission} access; approving needs ${policy.minPermission}`,
      whoCan,
    };
  }
  if (policy.isSelf && !policy.allowSelfApproval) {
    return {
      ok: false,
      reason: `${facts.actor} cannot approve their own task (assignee or claimant)`,
      whoCan: `someone else of: ${whoCan}`,
    };
  }
  return { ok: true, role: found.role };
}
