import type { TaskItem, TaskList } from "./task-item.js";

/** Why an item that could have been a task was left out. */
export type LeftOutReason = "skipped" | "optional" | "no-id" | "done";

export interface ImportSelection {
  /** Items that become plan tasks, in document order. */
  tasks: TaskItem[];
  /** Items that could have been tasks but are left out, in document order. */
  left: { item: TaskItem; reason: LeftOutReason }[];
  /** For every item: the id of the item that stands for it as a task (itself, or its nearest such ancestor). */
  unitOf: Map<string, string>;
}

/**
 * Which task-list items become tasks. Kiro, cc-sdd, spec-workflow and generic lists: the top-level
 * items (checkbox, heading or synthetic parents), whose sub-items are the work the task's `source_item`
 * check waits for. Spec Kit: every item with a written id (`T012`; the lists are flat). Left out: skip
 * records and items ticked but skipped, optional items, Spec Kit boxes without an id, and with
 * `pendingOnly` the items already done.
 */
export function selectImportItems(list: TaskList, pendingOnly: boolean): ImportSelection {
  const kit = list.flavour === "spec-kit";
  const unitOf = new Map<string, string>();
  const selection: ImportSelection = { tasks: [], left: [], unitOf };
  for (const item of list.items) {
    const isUnit = item.parent === undefined || (kit && item.idWritten && item.kind !== "synthetic");
    const parentUnit = item.parent === undefined ? undefined : unitOf.get(item.parent);
    unitOf.set(item.id, isUnit || parentUnit === undefined ? item.id : parentUnit);
    if (!isUnit) continue;
    const reason = leftOutReason(item, kit, pendingOnly);
    if (reason) selection.left.push({ item, reason });
    else selection.tasks.push(item);
  }
  return selection;
}

function leftOutReason(item: TaskItem, kit: boolean, pendingOnly: boolean): LeftOutReason | undefined {
  if (item.kind === "skip" || item.skipped) return "skipped";
  if (item.optional) return "optional";
  if (kit && !item.idWritten) return "no-id";
  if (pendingOnly && item.state === "done") return "done";
  return undefined;
}

const REASON_TEXT: Record<LeftOutReason, string> = {
  skipped: "skipped (a skip record, or ticked but marked skipped or deferred)",
  optional: "optional",
  "no-id": "without a task id (Spec Kit imports `T###` items only)",
  done: "already done (--pending-only)",
};

/** One warning per reason: `left out 3 items optional: 2.3, 4.5, 6.1`. */
export function describeLeftOut(left: ImportSelection["left"]): string[] {
  const order: LeftOutReason[] = ["skipped", "optional", "no-id", "done"];
  return order.flatMap((reason) => {
    const ids = left.filter((l) => l.reason === reason).map((l) => l.item.id);
    if (ids.length === 0) return [];
    const shown = ids.length > 10 ? `${ids.slice(0, 10).join(", ")}, …` : ids.join(", ");
    return [`left out ${ids.length} item${ids.length === 1 ? "" : "s"} ${REASON_TEXT[reason]}: ${shown}`];
  });
}
