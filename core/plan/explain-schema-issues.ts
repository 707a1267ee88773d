import type * as z from "zod/mini";
import { didYouMean } from "./did-you-mean.js";
import { fieldName } from "./format-path.js";
import { isRecord } from "./is-record.js";
import type { PathSegment } from "./locate.js";
import type { PlanIssueCode } from "./plan-error.js";
import type { PlanReporter } from "./plan-reporter.js";
import type { NumberText } from "./restore-id-text.js";
import { allowedKeys, expectedOf, hintOf, schemaAt, unionOptions } from "./schema-at.js";
import { describeValue, expectedName, sizeCode, sizeWording } from "./describe-value.js";

type Schema = z.core.$ZodType;
type Issue = z.core.$ZodIssue;

/** Passed as the parse-time error map: marks zod's default messages so we write our own. */
export const DEFAULT_MESSAGE = "\u0000default";

/**
 * Turn zod's issues into located, actionable plan issues. `input` is the data that was parsed;
 * `sourceText` gives the text a number or boolean was written as, so a hint quotes `1.10`, not `1.1`.
 */
export function explainSchemaIssues(
  issues: readonly Issue[],
  schema: Schema,
  input: unknown,
  reporter: PlanReporter,
  sourceText: NumberText = () => undefined,
): void {
  const misspelt = misspeltKeys(issues, schema);
  for (const issue of issues) {
    // `titel: x` yields "unknown key `titel`, did you mean `title`?"; "missing `title`" would only repeat it.
    if (issue.code === "invalid_type" && issue.input === undefined && misspelt.has(issue.path.join("\u0000"))) continue;
    explain(issue, schema, [], input, { reporter, sourceText }, undefined);
  }
}

/** Paths of required keys that an unknown key next to them is probably a misspelling of. */
function misspeltKeys(issues: readonly Issue[], schema: Schema): Set<string> {
  const paths = new Set<string>();
  for (const issue of issues) {
    if (issue.code !== "unrecognized_keys") continue;
    const allowed = allowedKeys(
      schemaAt(
        schema,
        issue.path.filter((s): s is PathSegment => typeof s !== "symbol"),
      ),
    );
    for (const key of issue.keys) {
      const guess = didYouMean(key, allowed);
      if (guess !== undefined) paths.add([...issue.path, guess].join("\u0000"));
    }
  }
  return paths;
}

function explain(
  issue: Issue,
  base: Schema,
  basePath: PathSegment[],
  baseInput: unknown,
  context: { reporter: PlanReporter; sourceText: NumberText },
  outerHint: string | undefined,
): void {
  const { reporter } = context;
  const relative = issue.path.filter((s): s is PathSegment => typeof s !== "symbol");
  const path = [...basePath, ...relative];
  const field = schemaAt(base, relative);
  const hint = nearestHint(base, relative) ?? outerHint ?? "see docs/plan-format.md for this field";
  const value = valueAt(baseInput, relative);
  const name = fieldName(path);
  const custom = issue.message !== DEFAULT_MESSAGE ? issue.message : undefined;
  const error = (message: string, code: PlanIssueCode, extra: { hint?: string | undefined; at?: "key" } = {}) =>
    reporter.error(path, message, {
      code,
      hint: "hint" in extra ? extra.hint : hint,
      ...(extra.at ? { at: extra.at } : {}),
    });

  switch (issue.code) {
    case "invalid_type": {
      const parent = valueAt(baseInput, relative.slice(0, -1));
      const key = relative.at(-1);
      if (value === undefined && isRecord(parent) && typeof key === "string" && !Object.hasOwn(parent, key)) {
        reporter.error(path.slice(0, -1), `missing required key \`${key}\``, { code: "missing-key", hint });
        return;
      }
      const fromSchema = expectedOf(field);
      const expected = fromSchema !== "something else" ? fromSchema : expectedName(issue.expected);
      const quote = issue.expected === "string" && (typeof value === "number" || typeof value === "boolean");
      error(
        `${name} must be ${expected}, not ${describeValue(value)}`,
        "wrong-type",
        quote
          ? { hint: `put the value in quotes: \`${JSON.stringify(context.sourceText(path) ?? String(value))}\`` }
          : {},
      );
      return;
    }
    case "invalid_value": {
      // `version: "1"`: the right value in quotes is a string, and saying "did you mean `1`" helps nobody.
      const unquoted =
        typeof value === "string"
          ? issue.values.find((v) => typeof v !== "string" && String(v) === value.trim())
          : undefined;
      if (unquoted !== undefined) {
        const key = String(path.at(-1));
        error(
          `${name} must be the ${typeof unquoted} ${String(unquoted)} without quotes, not the string ${JSON.stringify(value)}`,
          "wrong-type",
          {
            hint: `write \`${key}: ${String(unquoted)}\``,
          },
        );
        return;
      }
      const allowed = issue.values.map((v) => `\`${String(v)}\``).join(", ");
      const guess = typeof value === "string" ? didYouMean(value, issue.values.map(String)) : undefined;
      const code: PlanIssueCode = path.length === 1 && path[0] === "version" ? "unsupported-version" : "invalid-value";
      const message =
        code === "unsupported-version"
          ? `unsupported plan format version \`${String(value)}\`: this Phasegate reads version 1`
          : `${name} must be ${issue.values.length === 1 ? allowed : `one of ${allowed}`}, not ${describeValue(value)}`;
      error(message, code, guess ? { hint: `did you mean \`${guess}\`?` } : {});
      return;
    }
    case "too_big":
    case "too_small": {
      const code = sizeCode(issue.code, issue.origin);
      error(`${name} ${custom ?? sizeWording(issue)}`, code);
      return;
    }
    case "invalid_format":
      error(`${name} ${describeValue(value)} ${custom ?? `is not a valid ${issue.format}`}`, "invalid-format");
      return;
    case "custom": {
      const params = (issue.params ?? {}) as { hint?: string; code?: PlanIssueCode };
      error(`${name} ${describeValue(value)} ${custom ?? "is not valid"}`, params.code ?? "invalid-value", {
        hint: params.hint ?? hint,
      });
      return;
    }
    case "unrecognized_keys": {
      const allowed = allowedKeys(field);
      for (const key of issue.keys) {
        const guess = didYouMean(key, allowed);
        // Inside a union (a deliverable), the union's own hint says which shapes exist.
        const keyHint = guess
          ? `did you mean \`${guess}\`?`
          : (outerHint ?? `allowed here: ${allowed.map((k) => `\`${k}\``).join(", ")}`);
        reporter.error([...path, key], `unknown key \`${key}\``, { code: "unknown-key", hint: keyHint, at: "key" });
      }
      return;
    }
    case "invalid_union": {
      const options = unionOptions(field);
      const chosen = pickBranch(issue.errors, value);
      const option = chosen === undefined ? undefined : options[chosen];
      if (chosen === undefined || option === undefined) {
        error(`${name} must be ${expectedOf(field)}, not ${describeValue(value)}`, "wrong-type");
        return;
      }
      for (const inner of issue.errors[chosen]!) explain(inner, option, path, value, context, hint);
      return;
    }
    default:
      error(`${name} ${custom ?? "is not valid"}`, "invalid-value");
  }
}

/** The field's own hint, else its closest ancestor's (a list's hint covers its entries). */
function nearestHint(base: Schema, path: readonly PathSegment[]): string | undefined {
  for (let length = path.length; length >= 0; length--) {
    const hint = hintOf(schemaAt(base, path.slice(0, length)));
    if (hint !== undefined) return hint;
  }
  return undefined;
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
      (i) =>
        i.path.length === 0 &&
        (i.code === "invalid_type" || (i.code === "invalid_value" && i.values.every((v) => typeof v !== typeof value))),
    );
    if (!typeMismatch && issues.length < bestScore) {
      best = index;
      bestScore = issues.length;
    }
  });
  return best;
}

function valueAt(input: unknown, path: readonly PathSegment[]): unknown {
  let current = input;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = Object.hasOwn(current, segment) ? (current as Record<PathSegment, unknown>)[segment] : undefined;
  }
  return current;
}
