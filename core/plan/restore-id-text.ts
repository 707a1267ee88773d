import { isRecord } from "./is-record.js";
import type { PathSegment } from "./locate.js";

/** The source text of the scalar at `path` when YAML read it as a number; undefined otherwise. */
export type NumberText = (path: readonly PathSegment[]) => string | undefined;

/**
 * Ids such as `1.2` or `1.10` are numbers to YAML (and `1.10` would become `1.1`). Where the format
 * expects an id, use the text as written, so Kiro-style task ids work without quotes.
 */
export function restoreIdText(value: Record<string, unknown>, numberText: NumberText): void {
  restore(value, "id", numberText, ["id"]);
  const dependencies = value.dependencies;
  if (isRecord(dependencies)) restoreList(dependencies.requires, numberText, ["dependencies", "requires"]);
  if (!Array.isArray(value.tasks)) return;
  value.tasks.forEach((task: unknown, index) => {
    if (!isRecord(task)) return;
    restore(task, "id", numberText, ["tasks", index, "id"]);
    restoreList(task.dependencies, numberText, ["tasks", index, "dependencies"]);
  });
}

function restoreList(list: unknown, numberText: NumberText, path: PathSegment[]): void {
  if (!Array.isArray(list)) return;
  list.forEach((_, index) => restore(list as unknown as Record<number, unknown>, index, numberText, [...path, index]));
}

function restore<K extends string | number>(
  container: Record<K, unknown>,
  key: K,
  numberText: NumberText,
  path: PathSegment[],
): void {
  if (typeof container[key] !== "number") return;
  const text = numberText(path);
  if (text !== undefined && text.length > 0) container[key] = text;
}
