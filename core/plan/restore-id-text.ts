import { isScalar, type Document } from "yaml";
import { isRecord } from "./is-record.js";

/**
 * Ids such as `1.2` or `1.10` are numbers to YAML (and `1.10` would become `1.1`). Where the format
 * expects an id, use the text as written, so Kiro-style task ids work without quotes.
 */
export function restoreIdText(value: Record<string, unknown>, doc: Document): void {
  restore(value, "id", doc, ["id"]);
  const dependencies = value.dependencies;
  if (isRecord(dependencies)) restoreList(dependencies.requires, doc, ["dependencies", "requires"]);
  if (!Array.isArray(value.tasks)) return;
  value.tasks.forEach((task: unknown, index) => {
    if (!isRecord(task)) return;
    restore(task, "id", doc, ["tasks", index, "id"]);
    restoreList(task.dependencies, doc, ["tasks", index, "dependencies"]);
  });
}

function restoreList(list: unknown, doc: Document, path: Array<string | number>): void {
  if (!Array.isArray(list)) return;
  list.forEach((_, index) => restore(list as unknown as Record<number, unknown>, index, doc, [...path, index]));
}

function restore<K extends string | number>(
  container: Record<K, unknown>,
  key: K,
  doc: Document,
  path: Array<string | number>,
): void {
  if (typeof container[key] !== "number") return;
  const node = doc.getIn(path, true);
  if (isScalar(node) && typeof node.source === "string" && node.source.length > 0) container[key] = node.source;
}
