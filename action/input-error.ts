import { getBooleanInput, getInput } from "@actions/core";
import { MILESTONE_ID_PATTERN } from "../core/index.js";

/** An input the action cannot use; the message names the input and what it accepts. */
export class InputError extends Error {
  override name = "InputError";
}

/**
 * A milestone id from input `input` (default `milestone`), checked against the plan's id pattern:
 * it names files, so `../` never gets through. Empty gives undefined, or an error when `required`.
 */
export function readMilestone(command: string, required: true, input?: string): string;
export function readMilestone(command: string, required: boolean, input?: string): string | undefined;
export function readMilestone(command: string, required: boolean, input = "milestone"): string | undefined {
  const value = getInput(input);
  if (value === "") {
    if (!required) return undefined;
    throw new InputError(`input "${input}" is required for ${command} (the plan's id, e.g. auth-v2)`);
  }
  if (!MILESTONE_ID_PATTERN.test(value)) {
    throw new InputError(
      `input "${input}": "${value}" is not a milestone id (lowercase letters, digits, ".", "_" and "-"; the plan's file name without .yaml)`,
    );
  }
  return value;
}

/** Absent means `fallback`; anything but YAML 1.2's booleans is an error (getBooleanInput's rule). */
export function readBoolean(input: string, fallback: boolean): boolean {
  if (getInput(input) === "") return fallback;
  try {
    return getBooleanInput(input);
  } catch {
    throw new InputError(`input "${input}" must be true or false; got "${getInput(input)}"`);
  }
}

/** A whole number ≥ `min`, or undefined when absent. */
export function readCount(input: string, min = 0): number | undefined {
  const value = getInput(input);
  if (value === "") return undefined;
  if (!/^\d{1,9}$/.test(value) || Number(value) < min) {
    throw new InputError(`input "${input}" must be a whole number of at least ${min}; got "${value}"`);
  }
  return Number(value);
}
