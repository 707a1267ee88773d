import { getInput } from "@actions/core";
import { TASK_ID_PATTERN } from "../core/index.js";
import { InputError, readBoolean, readCount, readMilestone } from "./input-error.js";

/** The budget of one sync (the next run continues where this one stopped). */
export interface SyncBudget {
  maxWrites?: number;
  maxMs?: number;
}

/** Inputs of the commands that talk to GitHub's API (`scan` also runs without a token, on the checkout). */
export type ApiInputs =
  | { command: "sync"; milestone: string; dryRun: boolean; budget: SyncBudget }
  | { command: "scan"; milestone: string; runTests: boolean; budget: SyncBudget }
  | { command: "phase-check"; milestone?: string }
  | { command: "gate" }
  | { command: "checkpoint"; milestone: string; minChanges?: number; message?: string }
  | { command: "claim" | "release"; milestone: string; task: string }
  | { command: "advance"; milestone?: string; budget: SyncBudget }
  | { command: "comment" };

export function readApiInputs(command: ApiInputs["command"]): ApiInputs {
  switch (command) {
    case "claim":
    case "release": {
      const task = getInput("task");
      if (!TASK_ID_PATTERN.test(task)) {
        throw new InputError(`input "task" must be a task id of the plan (e.g. T3) for ${command}; got "${task}"`);
      }
      return { command, milestone: readMilestone(command, true), task };
    }
    case "sync":
      return {
        command,
        milestone: readMilestone(command, true),
        dryRun: readBoolean("dry-run", false),
        budget: readBudget(),
      };
    case "scan":
      return {
        command,
        milestone: readMilestone(command, true),
        runTests: readBoolean("run-tests", false),
        budget: readBudget(),
      };
    case "advance": {
      // Optional: a push to milestone/<id> names it.
      const milestone = readMilestone(command, false);
      return { command, ...(milestone !== undefined && { milestone }), budget: readBudget() };
    }
    case "comment":
      // Everything comes from the issue_comment event: the comment, its issue, the commenter.
      return { command };
    case "gate":
      // Everything comes from the pull_request event and the plans on the default branch.
      return { command };
    case "phase-check": {
      // Optional: the pull request's body names the milestone; this only narrows it.
      const milestone = readMilestone(command, false);
      return { command, ...(milestone !== undefined && { milestone }) };
    }
    case "checkpoint": {
      const minChanges = readCount("min-changes");
      const message = getInput("message").trim();
      if (message.length > 10_000) throw new InputError(`input "message" is longer than 10000 characters`);
      return {
        command,
        milestone: readMilestone(command, true),
        ...(minChanges !== undefined && { minChanges }),
        ...(message !== "" && { message }),
      };
    }
  }
}

function readBudget(): SyncBudget {
  const maxWrites = readCount("max-writes", 1);
  const minutes = readCount("max-minutes", 1);
  return { ...(maxWrites !== undefined && { maxWrites }), ...(minutes !== undefined && { maxMs: minutes * 60_000 }) };
}
