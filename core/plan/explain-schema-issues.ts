import type * as z from "zod";
import { didYouMean } from "./did-you-mean.js";
import { fieldName } from "./format-path.js";
import type { PathSegment } from "./locate.js";
import type { PlanIssueCode } from "./plan-error.js";
import type { PlanReporter } from "./plan-reporter.js";
import { allowedKeys, expectedOf, hintOf, schemaAt } from "./schema-at.js";

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/** Passed as the parse-time error map: marks zod's default messages so we write our own. */
export const DEFAULT_MESSAGE = "\u0000default";

const EXPECTED: Record<string, string> = {
  string: "a string",
  number: "a number",
  int: "a whole number",
  boolean: "`true` or `false`",
  array: "a list",
  object: "a mapping (`key: value`)",
  record: "a mapping (`key: value`)",
};

/** Turn zod's issues into located, actionable plan issues. `input` is the data that was parsed. */
export function explainSchemaIssues(issues: readonly Issue[], schema: Schema, input: unknown, reporter: PlanReporter): void {
  for (const issue of issues) explain(issue, schema, [], input, reporter, undefined);
}

function explain(issue: Issue, base: Schema, basePath: PathSegment[], baseInput: unknown, reporter: PlanReporter, outerHint: string | undefined): void {
  const relative = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
  const path = [...basePath, ...relative];
  const field = schemaAt(base, relative);
  const hint = hintOf(field) ?? outerHint;
  const value = valueAt(baseInput, relative);
  const name = fieldName(path);
  const custom = issue.message !== DEFAULT_MESSAGE ? issue.message : undefined;
  const error = (message: string, code: PlanIssueCode, extra: { hint?: string | undefined; at?: "key" } = {}) =>
    reporter.error(path, message, { code, hint: "hint" in extra ? extra.hint : hint, ...(extra.at ? { at: extra.at } : {}) });

  switch (issue.code) {
    case "invalid_type": {
      const parent = valueAt(baseInput, relative.slice(0, -1));
      const key = relative.at(-1);
      if (value === undefined && isRecord(parent) && typeof key === "string" && !(key in parent)) {
        reporter.error(path.slice(0, -1), `missing required key \`${key}\``, { code: "missing-key", hint });
        return;
      }
      const expected = EXPECTED[issue.expected] ?? issue.expected;
      const quote = issue.expected === "string" && (typeof value === "number" || typeof value === "boolean");
      error(`${name} must be ${expected}, not ${describeValue(value)}`, "wrong-type", quote ? { hint: `put the value in quotes: \`"${String(value)}"\`` } : {});
      return;
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => `\`${String(v)}\``).join(", ");
      const guess = typeof value === "string" ? didYouMean(value, issue.values.map(String)) : undefined;
      const code: PlanIssueCode = path.length === 1 && path[0] === "version" ? "unsupported-version" : "invalid-value";
      const message = code === "unsupported-version" ? `unsupported plan format version ${describeValue(value)}: this Phasegate reads version 1` : `${name} must be ${issue.values.length === 1 ? allowed : `one of ${allowed}`}, not ${describeValue(value)}`;
      error(message, code, guess ? { hint: `did you mean \`${guess}\`?` } : {});
      return;
    }
    case "too_big":
    case "too_small": {
      const code = sizeCode(issue.code, issue.origin);
      error(`${name} ${custom ?? defaultSize(issue)}`, code);
      return;
    }
    case "invalid_format":
      error(`${name} ${describeValue(value)} ${custom ?? `is not a valid ${issue.format}`}`, "invalid-format");
      return;
    case "custom": {
      const params = (issue.params ?? {}) as { hint?: string; code?: PlanIssueCode };
      error(`${name} ${describeValue(value)} ${custom ?? "is not valid"}`, params.code ?? "invalid-value", { hint: params.hint ?? hint });
      return;
    }
    case "unrecognized_keys": {
      const allowed = allowedKeys(field);
      for (const key of issue.keys) {
        const guess = didYouMean(key, allowed);
        const keyHint = guess ? `did you mean \`${guess}\`?` : `allowed here: ${allowed.map((k) => `\`${k}\``).join(", ")}`;
        reporter.error([...path, key], `unknown key \`${key}\``, { code: "unknown-key", hint: keyHint, at: "key" });
      }
      return;
    }
    case "invalid_union": {
      const options = (field ? unionOptions(field) : undefined) ?? [];
      const chosen = pickBranch(issue.errors, value);
      const option = chosen === undefined ? undefined : options[chosen];
      if (chosen === undefined || option === undefined) {
        error(`${name} must be ${expectedOf(field)}, not ${describeValue(value)}`, "wrong-type");
        return;
      }
      for (const inner of issue.errors[chosen]!) explain(inner, option, path, value, reporter, hint);
      return;
    }
    default:
      error(`${name} ${custom ?? "is not valid"}`, "invalid-value");
  }
}

function unionOptions(schema: Schema): Schema[] | undefined {
  let current = schema;
  for (;;) {
    const d = current._zod.def as unknown as { type: string; innerType?: Schema; options?: Schema[] };
    if (d.type === "union") return d.options;
    if (!d.innerType) return undefined;
    current = d.innerType;
  }
}

/**
 * Which alternative of a union the author meant: the one whose type matches the value, with the
 * fewest complaints (`{ path: 1 }` is a file deliverable with a bad path, not a bad signal).
 */
function pickBranch(branches: readonly (readonly Issue[])[], value: unknown): number | undefined {
  let best: number | undefined;
  let bestScore = Infinity;
  branches.forEach((issues, index) => {
    const typeMismatch = issues.some(
      (i) => i.path.length === 0 && (i.code === "invalid_type" || (i.code === "invalid_value" && i.values.every((v) => typeof v !== typeof value))),
    );
    if (!typeMismatch && issues.length < bestScore) {
      best = index;
      bestScore = issues.length;
    }
  });
  return best;
}

function sizeCode(code: "too_big" | "too_small", origin: string): PlanIssueCode {
  if (origin === "string") return code === "too_big" ? "too-long" : "too-short";
  if (origin === "array" || origin === "set") return code === "too_big" ? "too-many" : "too-few";
  return "out-of-range";
}

function defaultSize(issue: z.core.$ZodIssueTooBig | z.core.$ZodIssueTooSmall): string {
  const limit = "maximum" in issue ? issue.maximum : issue.minimum;
  const inclusive = issue.inclusive !== false;
  if (issue.origin === "string") return issue.code === "too_big" ? `is longer than ${limit} characters` : `is shorter than ${limit} characters`;
  if (issue.origin === "array") return issue.code === "too_big" ? `has more than ${limit} entries` : `needs at least ${limit} entries`;
  if (issue.code === "too_big") return `must be at most ${limit}`;
  return inclusive ? `must be at least ${limit}` : `must be more than ${limit}`;
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = Object.hasOwn(current, segment) ? (current as Record<PathSegment, unknown>)[segment] : undefined;
  }
  return current;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** How a message names a value someone wrote: `the number 42`, `an empty value`, `"yes"`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "an empty value";
  if (typeof value === "string") return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
  if (typeof value === "number" || typeof value === "bigint") return `the number ${String(value)}`;
  if (typeof value === "boolean") return `\`${String(value)}\``;
  if (Array.isArray(value)) return "a list";
  if (value instanceof Uint8Array) return "binary data";
  return "a mapping";
}
