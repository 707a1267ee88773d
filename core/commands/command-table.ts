import type { Permission } from "../plan/plan.js";

/** Every verb a person can give, in a comment, a workflow or the CLI. */
export type CommandName =
  | "approve"
  | "cancel-approval"
  | "reject"
  | "hold"
  | "unhold"
  | "claim"
  | "release"
  | "start"
  | "activate"
  | "pause"
  | "resume"
  | "scan"
  | "sync"
  | "status"
  | "explain"
  | "override-gate"
  | "help";

/**
 * Who may give a command: a minimum repository permission (asked through the forge, never taken from
 * `author_association`), or `approver`: the gate's approvers from the plan on the default branch, each
 * with the plan's minimum approver permission.
 */
export type Needs = Permission | "approver";

export interface CommandRule {
  /**
   * A task command needs a task (the issue it is on, or a named one); a milestone command does not;
   * a pull command is given on a pull request into the default branch.
   */
  scope: "task" | "milestone" | "pull";
  needs: Needs;
  /** Said in `/help` instead of the permission, for rules that go further (claimants). */
  also?: string;
  /** The comment form, as `/help` shows it. */
  form: string;
  summary: string;
  /** Whether the command writes (read-only commands may be answered by anyone). */
  writes: boolean;
}

/**
 * The one table every shell reads (product.md §6): the App and the Action's comment workflow check
 * `needs` before looking at any state, the CLI checks it through its forge (admin locally, ADR 4),
 * and `/help` is rendered from it.
 */
export const COMMANDS: Readonly<Record<CommandName, CommandRule>> = {
  approve: {
    scope: "task",
    needs: "approver",
    form: "/approve [task] [phase]",
    summary: "Approve the task's current phase (or the named one). On the dashboard: `/approve T2`.",
    writes: true,
  },
  "cancel-approval": {
    scope: "task",
    needs: "approver",
    form: "/approve cancel",
    summary: "Withdraw your approval.",
    writes: true,
  },
  reject: {
    scope: "task",
    needs: "approver",
    form: "/reject <reason>",
    summary: "Send the phase back with a reason; following lines up to a blank line are part of it.",
    writes: true,
  },
  start: {
    scope: "task",
    needs: "write",
    form: "/start [task]",
    summary: "Start a ready task now (with `auto_start: false`, or a task that waited).",
    writes: true,
  },
  hold: {
    scope: "task",
    needs: "write",
    form: "/hold [reason]",
    summary: "Stop the task from advancing.",
    writes: true,
  },
  unhold: { scope: "task", needs: "write", form: "/unhold", summary: "Let a held task advance again.", writes: true },
  claim: {
    scope: "task",
    needs: "write",
    form: "/claim [ttl]",
    summary: "Claim the task for a while (e.g. `4h`); a ready task starts.",
    writes: true,
  },
  release: {
    scope: "task",
    needs: "write",
    also: "the claimant, or maintain access",
    form: "/release",
    summary: "Give up a claim.",
    writes: true,
  },
  activate: {
    scope: "milestone",
    needs: "write",
    form: "/activate",
    summary: "Activate the milestone; every ready task starts.",
    writes: true,
  },
  pause: { scope: "milestone", needs: "write", form: "/pause [reason]", summary: "Pause the milestone.", writes: true },
  resume: {
    scope: "milestone",
    needs: "write",
    form: "/resume",
    summary: "Resume a paused or blocked milestone (refused while a blocker remains) and continue.",
    writes: true,
  },
  scan: { scope: "milestone", needs: "write", form: "/scan", summary: "Look for blockers now.", writes: true },
  sync: {
    scope: "milestone",
    needs: "write",
    form: "/sync",
    summary: "Update issues, labels and the dashboard from the plan.",
    writes: true,
  },
  status: {
    scope: "milestone",
    needs: "read",
    form: "/status",
    summary: "Reply with the milestone's status.",
    writes: false,
  },
  explain: {
    scope: "task",
    needs: "read",
    form: "/explain [phase]",
    summary: "Reply with the gate's approval rule: what counts, what is missing, who can approve, and whether you may.",
    writes: false,
  },
  "override-gate": {
    scope: "pull",
    needs: "maintain",
    form: "/override-gate <reason>",
    summary:
      "On a pull request into the default branch: let its current head past `phasegate/gate`; the reason is recorded in the log of each milestone that held it. A new push needs a new override.",
    writes: true,
  },
  help: { scope: "milestone", needs: "read", form: "/help", summary: "This table.", writes: false },
};
