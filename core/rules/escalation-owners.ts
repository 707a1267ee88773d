import type { Blocker, MilestoneState } from "../events/state.js";
import type { Phase, Plan, Task } from "../plan/plan.js";
import { gateRule, type ApprovalRule } from "../plan/approval-rule.js";
import { ownersOf, type CodeownersRule } from "./codeowners.js";

/** Owners an escalation names at most: a comment that mentions more is noise (and GitHub caps mentions). */
export const MAX_OWNERS = 25;

/** A login or `@org/team` GitHub can mention. */
const MENTIONABLE = /^@?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/;

/**
 * Whom an escalation asks to act: for a task's blocker, the task's assignees and whoever could
 * approve its waiting gate (the people, the `@org/team`s and the CODEOWNERS of the deliverables
 * its approval rule names); for a blocker of the whole milestone, whoever could approve any waiting
 * gate, else the plan's approvers. Logins without `@`, teams as `@org/team`; each once, at most
 * MAX_OWNERS. `codeowners`: the rules of the default branch's CODEOWNERS (read only when a rule uses it).
 */
export function escalationOwners(
  plan: Plan,
  state: MilestoneState,
  blockers: readonly Blocker[],
  codeowners: readonly CodeownersRule[],
): string[] {
  const names: string[] = [];
  const waiting = (task: Task) => {
    const t = state.tasks.find((s) => s.id === task.id);
    const phase = t?.status === "in_progress" ? task.phases.find((p) => p.id === t.phase) : undefined;
    return phase?.approvalRequired ? phase : undefined;
  };
  for (const b of blockers) {
    const task = b.taskId === undefined ? undefined : plan.tasks.find((t) => t.id === b.taskId);
    if (!task) continue;
    names.push(...task.assignees);
    const gate = waiting(task);
    if (gate) names.push(...ruleNames(gateRule(plan, task, gate), gate, codeowners));
  }
  if (blockers.some((b) => b.taskId === undefined)) {
    const gates = plan.tasks.flatMap((task) => {
      const gate = waiting(task);
      return gate ? ruleNames(gateRule(plan, task, gate), gate, codeowners) : [];
    });
    names.push(...(gates.length > 0 ? gates : plan.approvers));
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = raw.includes("/") ? (raw.startsWith("@") ? raw : `@${raw}`) : raw.replace(/^@/, "");
    const key = name.toLowerCase();
    if (!MENTIONABLE.test(name) || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out.slice(0, MAX_OWNERS);
}

/** The people and teams a gate's rule names, its `codeowners` resolved to the deliverables' owners. */
function ruleNames(rule: ApprovalRule, phase: Phase, codeowners: readonly CodeownersRule[]): string[] {
  return rule.groups.flatMap((g) =>
    g.from.flatMap((p) => {
      if (p.kind === "user") return [p.login];
      if (p.kind === "team") return [p.team];
      return phase.deliverables.flatMap((d) => (d.kind === "file" ? (ownersOf(codeowners, d.path) ?? []) : []));
    }),
  );
}
