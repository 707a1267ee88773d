import type { Permission } from "../plan/plan.js";
import { COMMANDS } from "./command-table.js";

export interface HelpPolicy {
  /** Approvers on the default branch's plan (logins or `@org/team`); empty: anyone with the permission. */
  approvers: readonly string[];
  minPermission: Permission;
  allowSelfApproval: boolean;
}

/**
 * The `/help` reply: every comment command and who may use it, from the one command table (product.md
 * §6). Names are code
 * spans so the reply mentions nobody. Decisions use the plan on the default branch, and so does this.
 */
export function renderHelp(policy: HelpPolicy): string {
  const listed = policy.approvers.map((a) => `\`${a}\``).join(", ");
  const approvers =
    (listed
      ? `approvers: ${listed}, with at least ${policy.minPermission} access`
      : `anyone with at least ${policy.minPermission} access`) +
    (policy.allowSelfApproval ? "" : "; never on their own task");
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
  ].join("\n");
}
