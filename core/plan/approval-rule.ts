/**
 * Who must approve a gate: groups that must all be satisfied, each by `count` distinct approvers
 * drawn from its people, teams and/or the CODEOWNERS of the phase's deliverables. A group that names
 * nobody takes any collaborator with the plan's minimum permission. (docs/plan-format.md, ADR 24)
 */
export type Principal = { kind: "user"; login: string } | { kind: "team"; team: string } | { kind: "codeowners" };

export interface ApprovalGroup {
  count: number;
  /** Empty: anyone with the minimum permission. */
  from: Principal[];
}

export interface ApprovalRule {
  groups: ApprovalGroup[];
  /** Where the plan set it (`tasks[2].approval`, `approvers`, …) or `default`: named when explaining. */
  source: string;
}

/** The written form of `from` entries in the plan: a login, `@org/team`, or `codeowners`. */
export const CODEOWNERS_KEYWORD = "codeowners";

/** One approval from anyone with the minimum permission: what a gate needs when the plan says nothing. */
export const DEFAULT_RULE: Readonly<ApprovalRule> = { groups: [{ count: 1, from: [] }], source: "default" };

/** `alice` / `@alice` → user, `@org/team` → team, `codeowners` → the deliverables' code owners. */
export function toPrincipal(entry: string): Principal {
  if (entry === CODEOWNERS_KEYWORD) return { kind: "codeowners" };
  if (entry.startsWith("@") && entry.includes("/")) return { kind: "team", team: entry.toLowerCase() };
  return { kind: "user", login: entry.replace(/^@/, "") };
}

/** The old `approvers: [...]` list: one approval from any of them (or from anyone when the list is empty). */
export function ruleFromApprovers(approvers: readonly string[], source: string): ApprovalRule {
  if (approvers.length === 0) return { ...DEFAULT_RULE, source };
  return { groups: [{ count: 1, from: approvers.map(toPrincipal) }], source };
}

/** `@acme/core`, `alice`, `codeowners`: how a principal is written in the plan (and shown). */
export function principalName(p: Principal): string {
  return p.kind === "user" ? p.login : p.kind === "team" ? p.team : CODEOWNERS_KEYWORD;
}

/** The teams a rule names directly (CODEOWNERS teams are added once the owners are known). */
export function teamsOf(rule: ApprovalRule): string[] {
  const teams = rule.groups.flatMap((g) => g.from.flatMap((p) => (p.kind === "team" ? [p.team] : [])));
  return [...new Set(teams)];
}

export function usesCodeowners(rule: ApprovalRule): boolean {
  return rule.groups.some((g) => g.from.some((p) => p.kind === "codeowners"));
}

/** "1 of @acme/security and 2 of @acme/core", "1 approval": the rule in words. */
export function describeRule(rule: ApprovalRule): string {
  return rule.groups
    .map((g) =>
      g.from.length === 0
        ? `${g.count} approval${g.count === 1 ? "" : "s"}`
        : `${g.count} of ${g.from.map(principalName).join(" | ")}`,
    )
    .join(" and ");
}

/**
 * The rule of one task's gate: the one the plan resolved for the phase, else (a plan built in code)
 * the task's approvers, else the plan's.
 */
export function gateRule(
  plan: { approvers: readonly string[] },
  task: { id: string; approvers: readonly string[] },
  phase: { approval?: ApprovalRule | undefined },
): ApprovalRule {
  if (phase.approval) return phase.approval;
  if (task.approvers.length > 0) return ruleFromApprovers(task.approvers, `task ${task.id}'s approvers`);
  return ruleFromApprovers(plan.approvers, plan.approvers.length > 0 ? "the plan's approvers" : "default");
}
