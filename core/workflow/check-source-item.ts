import { parseTaskList } from "../interop/parse-task-list.js";
import type { TaskItem } from "../interop/task-item.js";
import type { TaskSource } from "../plan/plan.js";

/**
 * Evidence that an imported task's work is done in its task list: every required sub-item (and
 * acceptance criterion) of its source item is ticked; an item with none must be ticked itself.
 * Ticks are evidence only: the phase's gate still needs an approval.
 */
export function checkSourceItem(text: string, path: string, source: TaskSource | undefined): string[] {
  if (!source) return [`${path}: the task has no \`source\` item to check (add source: { file, item })`];
  const list = parseTaskList(text, { path });
  const item = list.items.find((i) => i.id === source.item);
  if (!item) return [`${path}: no item "${source.item}" in the task list`];
  const below = descendants(list.items, item.id).filter((i) => !i.optional);
  const criteria = item.criteria.filter((c) => !c.optional);
  if (below.length === 0 && criteria.length === 0) {
    return item.state === "done" ? [] : [`${path}:${item.line}: item ${item.id} "${item.title}" is not ticked`];
  }
  const open = [
    ...below.filter((i) => i.state !== "done").map((i) => `line ${i.line} "${i.id} ${i.title}"`),
    ...criteria.filter((c) => !c.done).map((c) => `line ${c.line} "${c.text}"`),
  ];
  if (open.length === 0) return [];
  const total = below.length + criteria.length;
  return [`${path}: ${open.length} of ${total} required items under ${item.id} are not done (first: ${open[0]})`];
}

/**
 * What an approval of an imported task looked at: its item, sub-items and criteria (ids, states,
 * titles), not the whole shared task list, so ticking another task's boxes does not touch it.
 */
export function fingerprintSourceItem(text: string, path: string, source: TaskSource): string {
  const list = parseTaskList(text, { path });
  const item = list.items.find((i) => i.id === source.item);
  if (!item) return "missing";
  const parts = [item, ...descendants(list.items, item.id)].map((i) => [
    i.id,
    i.rawState,
    i.title,
    i.criteria.map((c) => c.rawState),
  ]);
  return JSON.stringify(parts);
}

function descendants(items: TaskItem[], id: string): TaskItem[] {
  const ids = new Set([id]);
  const out: TaskItem[] = [];
  // Children follow their parents in document order, so one pass collects the whole subtree.
  for (const i of items) {
    if (i.parent !== undefined && ids.has(i.parent)) {
      ids.add(i.id);
      out.push(i);
    }
  }
  return out;
}
