import type * as z from "zod/mini";
import type { PlanIssueCode } from "./plan-error.js";

/** The words messages use for values, types and limits, so every message says them the same way. */

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "`true` or `false`",
  array: "a list",
  object: "a mapping (`key: value`)",
  record: "a mapping (`key: value`)",
};

/** zod's name for a type (`array`) → ours (`a list`). */
export function expectedName(type: string): string {
  return EXPECTED[type] ?? type;
}

/** How a message names a value someone wrote: `the number 42`, `an empty value`, `` `yes` ``. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") {
    // One line, and short: the position already says where the whole value is.
    const line = value.replace(/[\r\n\t]+/g, " ");
    return `\`${line.length > 60 ? `${line.slice(0, 57)}...` : line}\``;
  }
  if (typeof value === "number" || typeof value === "bigint") return `the number ${String(value)}`;
  if (typeof value === "boolean") return `\`${String(value)}\``;
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "binary data";
  return "a mapping";
}

export function sizeCode(code: "too_big" | "too_small", origin: string): PlanIssueCode {
  if (origin === "string") return code === "too_big" ? "too-long" : "too-short";
  if (origin === "array" || origin === "set") return code === "too_big" ? "too-many" : "too-few";
  return "out-of-range";
}

/** "is longer than 256 characters", "needs at least 1 entries"… for limits the schema gave no message for. */
export function sizeWording(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const limit = "maximum" in issue ? issue.maximum : issue.minimum;
  const big = issue.code === "too_big";
  if (issue.origin === "string")
    return big ? `is longer than ${limit} characters` : `is shorter than ${limit} characters`;
  if (issue.origin === "array") return big ? `has more than ${limit} entries` : `needs at least ${limit} entries`;
  if (big) return `must be at most ${limit}`;
  return issue.inclusive === false ? `must be more than ${limit}` : `must be at least ${limit}`;
}
