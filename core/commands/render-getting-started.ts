import { COMMANDS } from "./command-table.js";
import type { Plan } from "../plan/plan.js";
import { gettingStartedMarker } from "../projection/markers.js";

/**
 * The comment a sync posts on a dashboard it has just created: what a newcomer does next, in the order
 * they do it, with the comment commands as `/help` lists them (the forms come from the command table).
 */
export function renderGettingStarted(plan: Plan): string {
  const form = (name: keyof typeof COMMANDS) => `\`${COMMANDS[name].form}\``;
  return [
    gettingStartedMarker(plan.id),
    `**Getting started with ${plan.title}.** This dashboard follows \`${plan.file}\` on the default branch: one issue per task, each moving through its phases.`,
    "",
    `1. **Start the milestone**: someone with write access comments ${form("activate")} here. Ready tasks start; the others wait for their dependencies.`,
    `2. **Work on a task** on the \`${plan.branch}\` branch: ${form("claim")} on its issue says who is on it; the phase's files are listed in the issue.`,
    `3. **Approve a gate**: when a phase's files are in, an approver comments ${form("approve")} (or ${form("reject")}) on the task's issue.`,
    "",
    `${form("status")} replies with where things stand and ${form("help")} lists every command. Locally, \`phasegate status ${plan.id}\` shows the same dashboard.`,
  ].join("\n");
}
