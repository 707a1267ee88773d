import { isMap, isScalar, stringify, type Node, type YAMLMap } from "yaml";
import type { PlanEdit } from "./plan-edits.js";

interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Apply edits to the source text itself, so everything not edited stays byte for byte (comments,
 * quoting, folded strings, blank lines). Handles block-style mappings; returns undefined when an
 * edit touches a flow mapping (`{ … }`) or an unusual layout, and the caller falls back to
 * re-rendering the document. Inserted lines end with `eol`, the file's own line ending.
 */
export function spliceEdits(
  text: string,
  root: YAMLMap,
  edits: readonly PlanEdit[],
  eol: "\n" | "\r\n" = "\n",
): string | undefined {
  const splices: Splice[] = [];
  const removed = new Set(edits.flatMap((edit) => (edit.kind === "remove-pair" ? [edit.pair] : [])));
  const tops = edits.filter((edit) => edit.kind === "add-top");
  if (tops.length > 0) {
    const at = lineStartOfFirstKey(text, root);
    if (at === undefined) return undefined;
    splices.push({ start: at, end: at, text: tops.map((edit) => `${edit.key}: ${scalar(edit.value)}\n`).join("") });
  }
  for (const edit of edits) {
    if (edit.kind === "set-true") {
      const range = edit.node.range;
      if (!range) return undefined;
      splices.push({ start: range[0], end: range[1], text: "true" });
    } else if (edit.kind === "add-pair") {
      const splice =
        edit.at === "first"
          ? addFirst(text, edit.map, edit.key, edit.value)
          : addLast(text, edit.map, edit.key, edit.value, removed);
      if (!splice) return undefined;
      splices.push(splice);
    } else if (edit.kind === "remove-pair") {
      if (edit.map.flow || !isScalar(edit.pair.key) || !edit.pair.key.range) return undefined;
      const keyStart = edit.pair.key.range[0];
      const start = lineStart(text, keyStart);
      // `- status: done` starts a list item: removing its line would remove the item's dash too.
      if (text.slice(start, keyStart).trim() !== "") return undefined;
      splices.push({ start, end: pairEnd(text, edit.pair.key as Node, edit.pair.value as Node | null), text: "" });
    }
  }
  // Back to front so earlier offsets stay valid; at one offset, the removal before the insertion.
  splices.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Infinity;
  for (const splice of splices) {
    if (splice.end > limit) return undefined;
    out = out.slice(0, splice.start) + splice.text.replace(/\n/g, eol) + out.slice(splice.end);
    limit = splice.start;
  }
  return out;
}

function addFirst(text: string, map: YAMLMap, key: string, value: unknown): Splice | undefined {
  const at = lineStartOfFirstKey(text, map);
  if (at === undefined) return undefined;
  const indent = indentOf(text, map);
  return { start: at, end: at, text: `${indent}${key}: ${scalar(value)}\n` };
}

function addLast(
  text: string,
  map: YAMLMap,
  key: string,
  value: unknown,
  removed: ReadonlySet<unknown>,
): Splice | undefined {
  // After the last pair that stays: text after a removed pair is about to disappear.
  const last = map.items.findLast((pair) => !removed.has(pair));
  if (map.flow || !last || !isScalar(last.key) || !last.key.range) return undefined;
  const indent = indentOf(text, map);
  const end = pairEnd(text, last.key as Node, last.value as Node | null);
  const lead = end > 0 && text[end - 1] !== "\n" ? "\n" : "";
  const body = isPlainObject(value)
    ? `${key}:\n${Object.entries(value)
        .map(([k, v]) => `${indent}  ${k}: ${scalar(v)}\n`)
        .join("")}`
    : `${key}: ${scalar(value)}\n`;
  return { start: end, end, text: `${lead}${indent}${body}` };
}

function lineStartOfFirstKey(text: string, map: YAMLMap): number | undefined {
  const first = map.items[0];
  if (map.flow || !first || !isScalar(first.key) || !first.key.range) return undefined;
  const keyStart = first.key.range[0];
  const start = lineStart(text, keyStart);
  return text.slice(start, keyStart).trim() === "" ? start : undefined;
}

/** The spaces before the map's keys (`- ` of a list item counts as indentation). */
function indentOf(text: string, map: YAMLMap): string {
  const first = map.items[0];
  const keyStart = isScalar(first?.key) && first.key.range ? first.key.range[0] : 0;
  return " ".repeat(keyStart - lineStart(text, keyStart));
}

/** Just past the newline that ends a pair (its value, trailing comment included). */
function pairEnd(text: string, key: Node, value: Node | null): number {
  const end = Math.max(key.range?.[2] ?? 0, value?.range?.[2] ?? 0);
  if (end > 0 && text[end - 1] === "\n") return end;
  const newline = text.indexOf("\n", end);
  return newline === -1 ? text.length : newline + 1;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function scalar(value: unknown): string {
  return stringify(value).trimEnd();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !isMap(value);
}
