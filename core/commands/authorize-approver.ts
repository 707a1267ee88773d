import type { Permission } from "../plan/plan.js";

const RANK: Record<Permission | "none", number> = { none: 0, read: 1, triage: 2, write: 3, maintain: 4, admin: 5 };

export function hasPermission(actual: Permission | "none", min: Permission): boolean {
  return RANK[actual] >= RANK[min];
}

/** What the forge said about the actor; gathered by the use case, judged here. */
export interface ActorFacts {
  actor: string;
  permission: Permission | "none";
  /** Membership of each `@org/team` in the approvers list; undefined = cannot be known here. */
  teams: Map<string, boolean | undefined>;
}

export interface ApprovalPolicy {
  /** Approvers from the plan on the default branch (task's, else the milestone's). */
  approvers: string[];
  minPermission: Permission;
  allowSelfApproval: boolean;
  /** The actor is an assignee or the claimant of the task. */
  isSelf: boolean;
}

export type Authorization = { ok: true; role: string } | { ok: false; reason: string; whoCan: string };

/**
 * May `actor` approve or reject a gate? Listed (directly or through a team) when the plan lists
 * approvers, otherwise any collaborator with the minimum permission; never their own work unless
 * the plan allows it. The permission is always checked, even for listed approvers.
 */
export function authorizeApprover(facts: ActorFacts, policy: ApprovalPolicy): Authorization {
  const whoCan =
    policy.approvers.length > 0
      ? `approvers: ${policy.approvers.join(", ")}`
      : `anyone with ${policy.minPermission} access`;
  const login = facts.actor.toLowerCase();
  let role: string | undefined;
  for (const entry of policy.approvers) {
    if (entry.startsWith("@") && entry.includes("/")) {
      if (facts.teams.get(entry) === true) role ??= `member of ${entry}`;
    } else if (entry.replace(/^@/, "").toLowerCase() === login) {
      role = "approver";
    }
  }
  if (policy.approvers.length === 0) role = "collaborator";
  if (!role) {
    const unknownTeams = [...facts.teams].filter(([, member]) => member === undefined).map(([team]) => team);
    const note =
      unknownTeams.length > 0
        ? ` (team membership of ${unknownTeams.join(", ")} cannot be checked here; list the user by name)`
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
      whoCan: `another of the ${whoCan}`,
    };
  }
  return { ok: true, role };
}
