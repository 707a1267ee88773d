import { getInput, getMultilineInput } from "@actions/core";
import { APPROVER_PATTERN } from "../core/index.js";
import { readApiInputs, type ApiInputs } from "./api-inputs.js";
import { InputError, readBoolean, readMilestone } from "./input-error.js";

export { InputError } from "./input-error.js";

export const COMMANDS = [
  "validate",
  "import",
  "status",
  "scan",
  "sync",
  "phase-check",
  "gate",
  "checkpoint",
  "claim",
  "release",
  "advance",
  "comment",
] as const;
export type ActionCommand = (typeof COMMANDS)[number];

/**
 * The inputs each command reads, checked; `workingDirectory` is as given (resolved against the
 * workspace later). `token` is empty when the workflow passes none: then `status` and `scan` read the
 * checkout ("workspace mode") and the commands that need GitHub refuse.
 */
export type ActionInputs = { workingDirectory: string; token: string } & (
  | { command: "validate"; paths: string[] }
  | { command: "import"; folder: string; id?: string; approvers: string[]; write: boolean }
  | { command: "status"; milestone: string }
  | ApiInputs
);

/** Inputs that only some commands read (`command`, `token` and `working-directory` apply to all). */
const USED_BY: Record<string, readonly ActionCommand[]> = {
  milestone: ["status", "scan", "sync", "phase-check", "checkpoint", "claim", "release", "advance"],
  task: ["claim", "release"],
  path: ["validate", "import"],
  write: ["import"],
  id: ["import"],
  approvers: ["import"],
  "dry-run": ["sync"],
  "max-writes": ["sync", "scan", "advance"],
  "max-minutes": ["sync", "scan", "advance"],
  "run-tests": ["scan"],
  "min-changes": ["checkpoint"],
  message: ["checkpoint"],
};

/** Every input action.yml declares, in its order (the harness and action.yml's test use it). */
export const INPUT_NAMES = ["command", ...Object.keys(USED_BY), "token", "working-directory"];

/** The `command` input (inputs arrive through @actions/core as `INPUT_<NAME>` variables). */
export function readCommand(): ActionCommand {
  const command = getInput("command");
  if (isCommand(command)) return command;
  const got = command === "" ? "it is missing" : `got "${command}"`;
  throw new InputError(`input "command" must be one of ${COMMANDS.join(", ")}; ${got}`);
}

/** The inputs `command` reads, checked, and the names of those it ignores. */
export function readInputs(command: ActionCommand): { inputs: ActionInputs; ignored: string[] } {
  const common = { workingDirectory: getInput("working-directory") || ".", token: getInput("token") };
  const ignored = Object.keys(USED_BY).filter((name) => !USED_BY[name]!.includes(command) && getInput(name) !== "");
  return { inputs: { ...common, ...readCommandInputs(command) }, ignored };
}

function readCommandInputs(command: ActionCommand) {
  switch (command) {
    case "validate":
      return { command, paths: getMultilineInput("path") };
    case "import":
      return readImportInputs();
    case "status":
      return { command, milestone: readMilestone(command, true) };
    default:
      return readApiInputs(command);
  }
}

function readImportInputs() {
  const paths = getMultilineInput("path");
  if (paths.length !== 1 || paths[0] === undefined) {
    throw new InputError(
      `input "path" must name one spec folder for import (e.g. .kiro/specs/auth); got ${paths.length}`,
    );
  }
  const id = getInput("id");
  if (id !== "") readMilestone("import", true, "id");
  const approvers = getInput("approvers")
    .split(/[\s,]+/)
    .filter((a) => a !== "");
  const bad = approvers.find((a) => !APPROVER_PATTERN.test(a));
  if (bad !== undefined) throw new InputError(`input "approvers": "${bad}" is not a GitHub login or @org/team`);
  return {
    command: "import" as const,
    folder: paths[0],
    ...(id !== "" && { id }),
    approvers,
    write: readBoolean("write", false),
  };
}

function isCommand(value: string): value is ActionCommand {
  return (COMMANDS as readonly string[]).includes(value);
}
