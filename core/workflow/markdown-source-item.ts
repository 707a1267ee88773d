import type { TaskItem, TaskList } from "../interop/task-item.js";
import { clip, describeLines } from "./markdown-text.js";

/**
 * The `sourceItem` check: the task-list item a Phasegate task was imported from is done. An item with
 * sub-items is done when every required (non-optional) sub-item box is ticked, criteria included: Kiro
 * often leaves a parent `[ ]` after its children are all `[x]` (K4), so the parent's own box is not
 * trusted there. An item without sub-items is done when its own box is (or, for a heading task without a
 * box, its criteria are). Ids are matched as written (`2`, `T012`, `2.5~2` for a duplicate).
 */
export function checkSourceItem(list: TaskList, id: string, path: string): string[] {
  const item = list.items.find((i) => i.id === id);
  if (!item) return [`${path}: task-list item "${id}" not found (ids are matched as written, e.g. "2.1" or "T012")`];
  const below = descendants(list.items, id);
  const ownCriteria = ownBoxes(item).filter((b) => b.line !== item.stateLine);
  const boxes =
    below.length > 0 ? [...requiredBoxes(below), ...ownCriteria].sort((a, b) => a.line - b.line) : ownBoxes(item);
  const open = boxes.filter((b) => !b.done);
  const first = open[0];
  if (!first) return [];
  const name = `item ${item.id} "${clip(item.title)}"`;
  if (below.length === 0 && item.stateLine !== undefined)
    return [`${path}:${item.stateLine}: ${name} is not done ([${item.rawState}])`];
  const more = open.length > 1 ? `; also line${open.length > 2 ? "s" : ""} ${describeLines(open.slice(1))}` : "";
  const what = below.length > 0 ? "required sub-items" : "criteria";
  return [
    `${path}: ${name} is not done: ${open.length} of ${boxes.length} ${what} are open (first: line ${first.line} "${clip(first.label)}"${more})`,
  ];
}

interface Box {
  line: number;
  label: string;
  done: boolean;
}

function descendants(items: TaskItem[], id: string): TaskItem[] {
  const children = new Map<string, TaskItem[]>();
  for (const item of items)
    if (item.parent !== undefined) children.set(item.parent, [...(children.get(item.parent) ?? []), item]);
  const out: TaskItem[] = [];
  const walk = (parent: string) => {
    for (const child of children.get(parent) ?? []) {
      out.push(child);
      walk(child.id);
    }
  };
  walk(id);
  return out;
}

function requiredBoxes(items: TaskItem[]): Box[] {
  return items.filter((i) => !i.optional).flatMap(ownBoxes);
}

function ownBoxes(item: TaskItem): Box[] {
  const own: Box[] =
    item.stateLine === undefined
      ? []
      : [{ line: item.stateLine, label: `${item.id} ${item.title}`, done: item.state === "done" }];
  const criteria = item.criteria.filter((c) => !c.optional).map((c) => ({ line: c.line, label: c.text, done: c.done }));
  return [...own, ...criteria].sort((a, b) => a.line - b.line);
}
