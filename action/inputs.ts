import { getBooleanInput, getInput, getMultilineInput } from "@actions/core";
import { APPROVER_PATTERN, MILESTONE_ID_PATTERN } from "../core/plan/plan-patterns.js";

export const COMMANDS = ["validate", "import", "status", "scan"] as const;
export type ActionCommand = (typeof COMMANDS)[number];

/** The inputs each command reads, checked; `workingDirectory` is as given (resolved against the workspace later). */
export type ActionInputs =
  | { command: "validate"; workingDirectory: string; paths: string[] }
  | { command: "import"; workingDirectory: string; folder: string; id?: string; approvers: string[]; write: boolean }
  | { command: "status" | "scan"; workingDirectory: string; milestone: string };

/** An input the action cannot use; the message names the input and what it accepts. */
export class InputError extends Error {
  override name = "InputError";
}

/** Inputs that only some commands read (`command` and `working-directory` apply to all). */
const USED_BY: Record<string, readonly ActionCommand[]> = {
  milestone: ["status", "scan"],
  path: ["validate", "import"],
  write: ["import"],
  id: ["import"],
  approvers: ["import"],
};

/** The `command` input (inputs arrive through @actions/core as `INPUT_<NAME>` variables). */
export function readCommand(): ActionCommand {
  const command = getInput("command");
  if (isCommand(command)) return command;
  const got = command === "" ? "it is missing" : `got "${command}"`;
  throw new InputError(`input "command" must be one of ${COMMANDS.join(", ")}; ${got}`);
}

/** The inputs `command` reads, checked, and the names of those it ignores. */
export function readInputs(command: ActionCommand): { inputs: ActionInputs; ignored: string[] } {
  const workingDirectory = getInput("working-directory") || ".";
  const ignored = Object.keys(USED_BY).filter((name) => !USED_BY[name]!.includes(command) && getInput(name) !== "");
  return { inputs: readCommandInputs(command, workingDirectory), ignored };
}

function readCommandInputs(command: ActionCommand, workingDirectory: string): ActionInputs {
  switch (command) {
    case "validate":
      return { command, workingDirectory, paths: getMultilineInput("path") };
    case "import": {
      const paths = getMultilineInput("path");
      if (paths.length !== 1 || paths[0] === undefined) {
        throw new InputError(
          `input "path" must name one spec folder for import (e.g. .kiro/specs/auth); got ${paths.length}`,
        );
      }
      const id = getInput("id");
      if (id !== "") checkMilestoneId("id", id);
      const approvers = getInput("approvers")
        .split(/[\s,]+/)
        .filter((a) => a !== "");
      const bad = approvers.find((a) => !APPROVER_PATTERN.test(a));
      if (bad !== undefined) throw new InputError(`input "approvers": "${bad}" is not a GitHub login or @org/team`);
      return { command, workingDirectory, folder: paths[0], ...(id !== "" && { id }), approvers, write: readWrite() };
    }
    case "status":
    case "scan": {
      const milestone = getInput("milestone");
      if (milestone === "")
        throw new InputError(`input "milestone" is required for ${command} (the plan's id, e.g. auth-v2)`);
      checkMilestoneId("milestone", milestone);
      return { command, workingDirectory, milestone };
    }
  }
}

function isCommand(value: string): value is ActionCommand {
  return (COMMANDS as readonly string[]).includes(value);
}

function checkMilestoneId(input: string, value: string): void {
  if (!MILESTONE_ID_PATTERN.test(value)) {
    throw new InputError(
      `input "${input}": "${value}" is not a milestone id (lowercase letters, digits, ".", "_" and "-"; the plan's file name without .yaml)`,
    );
  }
}

/** Absent means false; anything but YAML 1.2's booleans is an error (getBooleanInput's rule). */
function readWrite(): boolean {
  if (getInput("write") === "") return false;
  try {
    return getBooleanInput("write");
  } catch {
    throw new InputError(`input "write" must be true or false; got "${getInput("write")}"`);
  }
}
