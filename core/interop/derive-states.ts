import type { TaskItem, TaskItemState } from "./task-item.js";

const SKIP_TITLE = /\b(?:SKIP(?:PED)?|DEFERRED|N\/A)\b|^(?:skip(?:ped)?|deferred)\b|延期|スキップ|見送り/;
const SKIP_NOTE = /skip|deferred|n\/a|延期|スキップ|見送り|移行/i;

/**
 * Give a state to items that have no box of their own (heading tasks, synthetic parents), and flag
 * done items that were skipped. Written states are never changed (K4: parent and child may disagree).
 */
export function deriveStates(items: TaskItem[]): void {
  const children = new Map<string, TaskItem[]>();
  for (const item of items) {
    if (item.parent === undefined) continue;
    const siblings = children.get(item.parent) ?? [];
    siblings.push(item);
    children.set(item.parent, siblings);
  }
  // Children follow their parents in document order, so walking backwards settles children first.
  for (let i = items.length - 1; i >= 0; i--) {
    const item = items[i];
    if (!item || item.stateLine !== undefined) continue;
    const parts =
      item.criteria.length > 0 ? item.criteria.map((c) => c.state) : (children.get(item.id) ?? []).map((c) => c.state);
    if (parts.length > 0) item.state = rollup(parts);
    else if (item.annotations?.some((a) => a.includes("✅"))) item.state = "done";
  }
  for (const item of items) {
    // Only a written box can claim "done" for work that was not done; derived states just roll up.
    if (item.state !== "done" || item.stateLine === undefined) continue;
    if (item.kind === "skip" || SKIP_TITLE.test(item.title) || item.annotations?.some((a) => SKIP_NOTE.test(a))) {
      item.skipped = true;
    }
  }
}

/** All done → done; nothing started → todo; anything else → in progress. */
export function rollup(states: TaskItemState[]): TaskItemState {
  if (states.every((s) => s === "done")) return "done";
  if (states.every((s) => s === "todo")) return "todo";
  return "in_progress";
}
