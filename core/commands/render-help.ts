import type { Permission } from "../plan/plan.js";

export interface HelpPolicy {
  /** Approvers on the default branch's plan (logins or `@org/team`); empty: anyone with the permission. */
  approvers: readonly string[];
  minPermission: Permission;
  allowSelfApproval: boolean;
}

/**
 * The `/help` reply: every comment command and who may use it (product.md §6). Names are code
 * spans so the reply mentions nobody. Decisions use the plan on the default branch, and so does this.
 */
export function renderHelp(policy: HelpPolicy): string {
  const listed = policy.approvers.map((a) => `\`${a}\``).join(", ");
  const approvers =
    (listed
      ? `approvers: ${listed}, with at least ${policy.minPermission} access`
      : `anyone with at least ${policy.minPermission} access`) +
    (policy.allowSelfApproval ? "" : "; never on their own task");
  const write = "write access";
  const rows: [string, string, string][] = [
    [
      "`/approve [phase]`",
      "Approve the task's current phase (or the named one). On the dashboard: `/approve T2`.",
      approvers,
    ],
    ["`/approve cancel`", "Withdraw your approval.", approvers],
    [
      "`/reject <reason>`",
      "Send the phase back with a reason; following lines up to a blank line are part of it.",
      approvers,
    ],
    ["`/hold [reason]`", "Stop the task from advancing.", write],
    ["`/unhold`", "Let a held task advance again.", write],
    ["`/claim [ttl]`", "Claim the task for a while (e.g. `4h`).", write],
    ["`/release`", "Give up a claim.", "the claimant, or maintain access"],
    ["`/activate`", "Activate the milestone.", write],
    ["`/pause [reason]`", "Pause the milestone.", write],
    ["`/resume`", "Resume a paused or blocked milestone (refused while a blocker remains).", write],
    ["`/scan`", "Look for blockers now.", write],
    ["`/sync`", "Update issues, labels and the dashboard from the plan.", write],
    ["`/status`", "Reply with the milestone's status.", "anyone"],
    ["`/help`", "This table.", "anyone"],
  ];
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
