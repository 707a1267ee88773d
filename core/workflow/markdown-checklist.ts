import type { TaskList } from "../interop/task-item.js";

/** One checkbox that counts for completion: a task with a box of its own, or a criterion. */
export interface ChecklistEntry {
  line: number;
  /** How a person finds it: `2.1 Create color tokens`, or the criterion's text. */
  label: string;
  done: boolean;
}

/**
 * The boxes a "checklist complete" gate looks at. Product rule: every non-optional checkbox in the file
 * is ticked. So: tasks with a box of their own (list items, `### - [x]` headings, `**Status**: [ ]`
 * fields), not optional (`- [ ]*`, "(optional)"), plus every non-optional criterion (acceptance and
 * validation checklists, loose or under a task). Heading tasks without a box and synthetic parents
 * have no box to tick; their criteria and children stand for them. Only `[x]`/`[X]` is done: `[-]`
 * (in progress) and `[~]` (partial) are not. A skip record (`- [X] SKIP: T039`) is ticked, so it counts
 * as done: the author decided, and the gate does not second-guess it.
 */
export function listRequiredBoxes(list: TaskList): ChecklistEntry[] {
  const entries: ChecklistEntry[] = [];
  for (const item of list.items) {
    if (item.stateLine !== undefined && !item.optional) {
      entries.push({
        line: item.stateLine,
        label: item.idWritten ? `${item.id} ${item.title}` : item.title,
        done: item.state === "done",
      });
    }
    for (const c of item.criteria) if (!c.optional) entries.push({ line: c.line, label: c.text, done: c.done });
  }
  for (const c of list.criteria) if (!c.optional) entries.push({ line: c.line, label: c.text, done: c.done });
  return entries.sort((a, b) => a.line - b.line);
}

/** Every box in the file, optional or not (a checklist was written). */
export function countBoxes(list: TaskList): number {
  const own = list.items.filter((i) => i.stateLine !== undefined).length;
  return own + list.items.reduce((n, i) => n + i.criteria.length, 0) + list.criteria.length;
}
