import { isAlias, isNode, isScalar, LineCounter, parseDocument, visit, type Document } from "yaml";
import { createLocator, type Locator, type Position } from "./locate.js";
import type { PlanIssue, PlanIssueCode } from "./plan-error.js";
import { MAX_PLAN_CHARS } from "./plan-patterns.js";
import type { NumberText } from "./restore-id-text.js";

/** Aliases beyond this are a "billion laughs" expansion, not a plan (the yaml library's own default). */
export const MAX_ALIAS_COUNT = 100;
/** Past a few syntax errors the rest are echoes of the first; more would only bury it. */
const MAX_SYNTAX_ERRORS = 10;

export interface YamlSource {
  doc: Document.Parsed;
  locate: Locator;
  /** The document as plain data, aliases expanded. */
  value: unknown;
  /** The source text of the scalar at a path when it became a number (restoreIdText). */
  numberText: NumberText;
}

/**
 * How plans are read with the yaml library. uniqueKeys: a repeated key is an error, not a silent
 * override. stringKeys: `1:` is the key "1", `? [a]` is refused. logLevel "error", not "silent": the
 * yaml library drops some errors (a second document) when silent.
 */
export const YAML_OPTIONS = { prettyErrors: false, uniqueKeys: true, stringKeys: true, logLevel: "error" } as const;

/**
 * Parse YAML into a document (for positions and edits) and plain data (for the schema).
 * Syntax errors, duplicate keys, non-string keys and alias bombs come back as issues; this never throws.
 */
export function readYaml(text: string, file: string): { source?: YamlSource; issues: PlanIssue[] } {
  const issue = (
    at: Position,
    message: string,
    hint: string,
    code: PlanIssueCode,
    severity: PlanIssue["severity"] = "error",
  ): PlanIssue => ({
    file,
    line: at.line,
    column: at.column,
    path: "",
    message,
    hint,
    severity,
    code,
  });
  if (text.length > MAX_PLAN_CHARS) {
    return {
      issues: [
        issue(
          { line: 1, column: 1 },
          `the file has ${text.length} characters; plans are limited to ${MAX_PLAN_CHARS}`,
          "split the milestone into smaller ones",
          "file-too-large",
        ),
      ],
    };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { ...YAML_OPTIONS, lineCounter });
  const locate = createLocator(doc, lineCounter);
  const at = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  const issues: PlanIssue[] = [];
  for (const error of doc.errors.slice(0, MAX_SYNTAX_ERRORS)) {
    const [message, hint, code] = explainYamlError(error.code, error.message);
    issues.push(issue(at(error.pos[0]), message, hint, code));
  }
  // The library checks a key's tag only when the key has text: `!foo : 1` passes, and prints back as `!foo "": 1`,
  // which it then refuses. Any key tagged other than as a string is refused here, whatever its text.
  const taggedKey = firstTaggedKey(doc);
  if (taggedKey !== undefined) {
    const [message, hint, code] = explainYamlError("NON_STRING_KEY", "");
    issues.push(issue(at(tagBefore(text, taggedKey)), message, hint, code));
  }
  if (issues.length > 0) return { issues };
  for (const warning of doc.warnings) {
    issues.push(
      issue(
        at(warning.pos[0]),
        firstLine(warning.message),
        "remove the tag; plans use plain YAML values",
        "yaml-warning",
        "warning",
      ),
    );
  }
  try {
    const value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    return { source: { doc, locate, value, numberText: (path) => numberTextOf(doc, path) }, issues };
  } catch (error) {
    // The yaml library throws for alias expansion beyond maxAliasCount and for aliases it cannot resolve.
    const message = error instanceof Error ? firstLine(error.message) : String(error);
    issues.push(
      issue(
        firstAlias(doc, at),
        `cannot expand YAML aliases: ${message}`,
        `aliases (\`*name\`) are limited to ${MAX_ALIAS_COUNT} expansions; write the values out`,
        "yaml-alias",
      ),
    );
    return { issues };
  }
}

function numberTextOf(doc: Document, path: readonly (string | number)[]): string | undefined {
  const node = doc.getIn(path, true);
  return isScalar(node) && typeof node.source === "string" ? node.source : undefined;
}

function explainYamlError(code: string, message: string): [string, string, PlanIssueCode] {
  switch (code) {
    case "DUPLICATE_KEY":
      return [
        "duplicate key: this key already appears in the same mapping",
        "remove or rename one of the two",
        "duplicate-entry",
      ];
    case "MULTIPLE_DOCS":
      return [
        "the file holds more than one YAML document",
        "a plan is one document: remove the `---` separator and what follows, or split it into files",
        "yaml-syntax",
      ];
    case "NON_STRING_KEY":
      return [
        "mapping keys must be plain strings",
        "write `key: value`; complex keys (`? [a, b]`) are not part of the plan format",
        "yaml-key",
      ];
    case "TAB_AS_INDENT":
      return ["tab used for indentation", "indent with spaces", "yaml-syntax"];
    default:
      return [
        `YAML syntax error: ${firstLine(message)}`,
        "check the indentation, quotes and brackets around here",
        "yaml-syntax",
      ];
  }
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0]!.replace(/ at line \d+, column \d+:?$/, "");
}

const STRING_TAG = "tag:yaml.org,2002:str";

function firstTaggedKey(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (isNode(key) && key.tag !== undefined && key.tag !== STRING_TAG) {
        offset = key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

/** An empty node's range starts after its tag; point at the tag (`!`) when it is on the same line. */
function tagBefore(text: string, offset: number): number {
  const bang = text.lastIndexOf("!", offset);
  const lineStart = text.lastIndexOf("\n", offset - 1);
  return bang > lineStart ? bang : offset;
}

function firstAlias(doc: Document, at: (offset: number) => Position): Position {
  let offset = 0;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) offset = node.range[0];
      return visit.BREAK;
    },
  });
  return at(offset);
}
