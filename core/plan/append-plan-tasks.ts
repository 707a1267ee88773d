import { Document, isCollection, isMap, isScalar, isSeq, parseDocument, visit } from "yaml";

/**
 * `text` with `tasks` added after the plan's last task, every other byte kept (comments, quoting, blank
 * lines, key order): the new items are rendered on their own and indented like the existing ones. Undefined
 * when the plan's `tasks` is not a block list with at least one item (a flow list, or none at all), where
 * a splice would have to rewrite what is there; the caller then says what to do by hand.
 */
export function appendPlanTasks(text: string, tasks: readonly unknown[]): string | undefined {
  if (tasks.length === 0) return text;
  const doc = parseDocument(text);
  const root = doc.contents;
  if (!isMap(root)) return undefined;
  const seq = root.get("tasks", true);
  if (!isSeq(seq) || seq.flow || seq.items.length === 0) return undefined;
  const first = seq.items[0];
  const last = seq.items.at(-1);
  if (!isCollection(first) || !isCollection(last) || !first.range || !last.range) return undefined;
  const firstLine = lineStart(text, first.range[0]);
  const dash = /^( *)- /.exec(text.slice(firstLine, first.range[0]));
  if (!dash) return undefined;
  const end = lineEnd(text, Math.max(last.range[1], contentEnd(last)));
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const rendered = renderItems(tasks)
    .split("\n")
    .filter((line) => line !== "")
    .map((line) => dash[1] + line + eol)
    .join("");
  const lead = end > 0 && text[end - 1] !== "\n" ? eol : "";
  return text.slice(0, end) + lead + rendered + text.slice(end);
}

function renderItems(tasks: readonly unknown[]): string {
  const doc = new Document(tasks);
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && String(pair.key.value) === "dependencies" && isCollection(pair.value))
        pair.value.flow = true;
    },
  });
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** The end of the last value inside an item (a block item's own range can stop before a nested scalar's end). */
function contentEnd(node: { range?: [number, number, number] | null | undefined; items?: unknown[] }): number {
  let end = node.range?.[1] ?? 0;
  for (const item of node.items ?? []) {
    const value = isScalar(item) || isCollection(item) ? item : (item as { value?: unknown }).value;
    if (isScalar(value) || isCollection(value)) end = Math.max(end, contentEnd(value as never));
  }
  return end;
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

/** Just past the newline of the line holding `offset - 1` (the item's last character). */
function lineEnd(text: string, offset: number): number {
  if (offset > 0 && text[offset - 1] === "\n") return offset;
  const newline = text.indexOf("\n", offset);
  return newline === -1 ? text.length : newline + 1;
}
