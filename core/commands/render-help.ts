import type { Permission } from "../plan/plan.js";
import { describeRule, type ApprovalRule } from "../plan/approval-rule.js";
import { COMMANDS } from "./command-table.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";

export interface HelpPolicy {
  /** The rules of the plan's gates (plan on the default branch), each once; empty: one approval from anyone. */
  rules: readonly ApprovalRule[];
  minPermission: Permission;
  allowSelfApproval: boolean;
}

/** Rules listed in the reply; a plan with more names how many it left out. */
const RULES_SHOWN = 10;

/**
 * The `/help` reply: every comment command and who may use it, from the one command table (product.md
 * §6), then the approval rules of the plan's gates (N of M, teams, CODEOWNERS). Names are code spans
 * so the reply mentions nobody. Decisions use the plan on the default branch, and so does this.
 */
export function renderHelp(policy: HelpPolicy): string {
  const access = `with at least ${policy.minPermission} access`;
  const self = policy.allowSelfApproval ? "" : "; never on their own task";
  const approvers = `whoever the gate's approval rule names, ${access}${self}`;
  const rows = Object.values(COMMANDS).map((rule): [string, string, string] => {
    const who =
      rule.needs === "approver" ? approvers : rule.needs === "read" ? "anyone" : (rule.also ?? `${rule.needs} access`);
    return [`\`${rule.form}\``, rule.summary, who];
  });
  return [
    "### Phasegate commands",
    "",
    "Start a line with a command; quoted lines, code and mentions mid-sentence are ignored.",
    "",
    "| Command | What it does | Who may use it |",
    "| --- | --- | --- |",
    ...rows.map((r) => `| ${r.join(" | ")} |`),
    "",
    ...renderRules(policy, access),
    "",
  ].join("\n");
}

/** How gates are approved, and the rules this plan's gates have. */
function renderRules(policy: HelpPolicy, access: string): string[] {
  const out = [
    "### Approval rules",
    "",
    "Each gate passes once every group of its rule has its count of approvals: from the people named, " +
      "from members of the `@org/team`s named, or from the code owners of the phase's deliverables " +
      "(CODEOWNERS on the default branch). A group that names nobody takes anyone " +
      `${access}. One approval counts toward every group its approver belongs to. ` +
      (policy.allowSelfApproval ? "" : "A task's assignees and claimant never count. ") +
      "An approval stops counting when the deliverables it saw change. " +
      "`/explain [task]` shows a gate's rule, what counts, and who can approve.",
    "",
  ];
  const byRule = new Map<string, Set<string>>();
  for (const rule of policy.rules) {
    const text = describeRule(rule);
    byRule.set(text, (byRule.get(text) ?? new Set()).add(rule.source === "default" ? "no rule set" : rule.source));
  }
  if (byRule.size === 0) byRule.set("1 approval", new Set(["no rule set"]));
  const listed = [...byRule].slice(0, RULES_SHOWN);
  out.push("Rules in this plan:", "");
  // Code spans, defused too: a rule naming `@org/team` must not notify the team on every `/help`.
  for (const [text, sources] of listed) out.push(`- \`${defuseMarkdown(text)}\` (${[...sources].join(", ")})`);
  const more = byRule.size - listed.length;
  if (more > 0) out.push(`- and ${more} more: \`/explain [task]\` shows each`);
  return out;
}
