import type { Phase, Plan, Task } from "../plan/plan.js";
import { describeRule, gateRule, teamsOf, usesCodeowners, type ApprovalRule } from "../plan/approval-rule.js";
import { ownersOf, type CodeownersRule } from "./codeowners.js";
import { evaluateGate, roleOf, type GateFacts } from "./evaluate-gate.js";
import { explainGate } from "./explain-gate.js";

/** What the audit knows besides the log and the plan versions, to re-check rules of teams and code owners. */
export interface AuditFacts {
  /** Every version of CODEOWNERS the default branch had (current and history); [] when none could be read. */
  codeowners: readonly (readonly CodeownersRule[])[];
  /** Whether the repository's CODEOWNERS could be read at all (a repository without one reads as true, []). */
  codeownersKnown: boolean;
}

/** The verdict on one recorded approval or completion: fine, wrong (a finding), or not checkable here (a note). */
export type Recheck = { ok: true } | { finding: string } | { note: string };

const SETTINGS_HINT = "list the team under `teams` in .github/phasegate.yml";

/**
 * Re-check an approval the log records against its gate's rule in the plan version it cites, where the
 * rule names teams or code owners (people-only rules are the audit's own check). Teams are judged by
 * `teams` in that version's settings; code owners by every version CODEOWNERS had, so a later edit of
 * the file is no false alarm. A membership GitHub confirmed at the time (`via` a comment or review)
 * and the settings do not list is a note, not a finding: the settings are only the fallback there.
 */
export function recheckApproval(
  plan: Plan,
  task: Task,
  phase: Phase,
  actor: string,
  via: string,
  facts: AuditFacts,
): Recheck {
  const rule = gateRule(plan, task, phase);
  if (!needsFacts(rule)) return { ok: true };
  if (usesCodeowners(rule) && !facts.codeownersKnown)
    return { note: `its rule (${describeRule(rule)}) names code owners, and CODEOWNERS cannot be read here` };
  const found = roleOf(rule, actor, gateFacts(plan, task, phase, facts, new Set(), true));
  if ("role" in found) return { ok: true };
  if (found.unknown.length > 0)
    return { note: `membership of ${found.unknown.join(", ")} cannot be checked here (${SETTINGS_HINT})` };
  if (teamsOf(rule).length > 0 && via !== "cli")
    return {
      note: `${actor} is in none of the rule's groups (${describeRule(rule)}) by the settings' \`teams\`, which GitHub's membership decided over when it approved`,
    };
  return {
    finding: `${actor} is not an approver under its rule (${describeRule(rule)}; code owners as CODEOWNERS ever listed them)`,
  };
}

/**
 * Re-check that a completed gate's rule was met by the approvals that counted: every group's count,
 * teams and code owners judged as in recheckApproval. Counts of a rule with teams decided by GitHub
 * are a note when the settings cannot confirm them.
 */
export function recheckCompletion(
  plan: Plan,
  task: Task,
  phase: Phase,
  approvals: readonly { by: string; via: string }[],
  authors: ReadonlySet<string>,
  facts: AuditFacts,
): Recheck {
  const rule = gateRule(plan, task, phase);
  if (usesCodeowners(rule) && !facts.codeownersKnown)
    return { note: `CODEOWNERS cannot be read here to confirm ${describeRule(rule)}` };
  const verdict = evaluateGate(
    rule,
    approvals.map((a) => a.by),
    gateFacts(plan, task, phase, facts, authors, plan.settings.allowSelfApproval),
  );
  if (verdict.passed) return { ok: true };
  const line = explainGate(verdict);
  const unsure =
    verdict.requirements.some((r) => r.notes.some((n) => n.includes("cannot be checked"))) ||
    (teamsOf(rule).length > 0 && approvals.some((a) => a.via !== "cli"));
  return unsure
    ? { note: `could not confirm its rule was met: ${line}` }
    : { finding: `its rule was not met: ${line}` };
}

function needsFacts(rule: ApprovalRule): boolean {
  return usesCodeowners(rule) || teamsOf(rule).length > 0;
}

/** Teams from the plan version's settings; the owners of each deliverable in any CODEOWNERS version. */
function gateFacts(
  plan: Plan,
  task: Task,
  phase: Phase,
  facts: AuditFacts,
  authors: ReadonlySet<string>,
  allowSelfApproval: boolean,
): GateFacts {
  const codeowners = phase.deliverables.flatMap((d) => {
    if (d.kind !== "file") return [];
    const owners = new Set(facts.codeowners.flatMap((version) => ownersOf(version, d.path) ?? []));
    return [{ path: d.path, owners: owners.size > 0 ? [...owners] : undefined }];
  });
  const assignees = task.assignees.map((a) => a.toLowerCase());
  return {
    isMember: (team, login) => plan.settings.teams[team.toLowerCase()]?.includes(login.toLowerCase()),
    codeowners,
    authors: new Set([...assignees, ...authors]),
    allowSelfApproval,
  };
}
