import { stateOf } from "./checkbox-syntax.js";
import { optional, type ItemWalk, type ListEntry } from "./item-walk.js";
import { setBox } from "./item-registry.js";
import { readItemText } from "./read-item-text.js";
import type { ScannedLine } from "./scan-lines.js";
import type { LooseCriterion, TaskItem } from "./task-item.js";

/** Ids that name an acceptance or success criterion, never a task: `SC-001`, `AC-US1-01`. */
const CRITERION_ID = /^(?:SC|AC)-/;

/** A checkbox list item: a task (under its parent), or a criterion of a task or of none (FORMATS §6.3). */
export function walkCheckbox(walk: ItemWalk, line: Extract<ScannedLine, { kind: "checkbox" }>): void {
  const { registry } = walk;
  if (walk.details.absorbs(line.indent, line.text)) return;
  walk.details.close();
  while (walk.list.length > 0 && !nests(line.indent, walk.list[walk.list.length - 1])) walk.list.pop();
  const entry = walk.list[walk.list.length - 1];
  const text = readItemText(line.box.rest);
  const at = { indent: line.indent, bulletWidth: line.bulletWidth };
  // In a checklist section, `- [x] 13.1: …` restates task 13.1's completion: a criterion, not a duplicate task.
  const restated = text.id !== undefined && registry.has(text.id) && walk.inCriteria();
  // `- [ ] SC-001: …` (Spec Kit success criteria), `- [ ] AC-US1-01: …`: criteria by their id, wherever they are.
  const criterionId = text.idStyle === "foreign" && CRITERION_ID.test(text.id ?? "");
  const owner = restated
    ? (walk.headingTask() ?? null)
    : criterionId
      ? criterionOwner(walk, entry, true)
      : text.id === undefined && text.skipOf === undefined
        ? criterionOwner(walk, entry)
        : undefined;
  if (owner !== undefined) {
    const state = stateOf(line.box.raw);
    const criterion: LooseCriterion = {
      text: criterionText(line.box.rest),
      done: state === "done",
      state,
      rawState: line.box.raw,
      optional: line.box.optional,
      line: line.n,
      ...optional("group", owner ? undefined : walk.group()),
    };
    (owner ? owner.criteria : walk.out.criteria).push(criterion);
    walk.list.push({ ...at, owner });
    walk.open = { criterion, indent: line.indent, titleOpen: true, raw: "" };
    return;
  }
  const id = registry.uniqueId(text.id ?? text.skipOf ?? registry.syntheticId(walk.group()), line.n);
  const kind = text.skipOf && !text.id ? "skip" : "checkbox";
  const idWritten = text.id !== undefined || text.skipOf !== undefined;
  const parent = walk.parentFor(text, id, line.n, entry);
  const item = registry.add({ id, idWritten, line: line.n, kind, parent, indent: line.indent }, text, walk.place());
  setBox(item, line.box, line.n);
  walk.list.push({ ...at, task: item });
  walk.open = { item, indent: line.indent, titleOpen: true, raw: text.afterId };
}

/** Who owns an id-less checkbox as a criterion (null = loose), or undefined when it is a task (FORMATS §6.3 rule 4). */
function criterionOwner(walk: ItemWalk, entry: ListEntry | undefined, forced = false): TaskItem | null | undefined {
  if (entry?.owner !== undefined) return entry.owner;
  const head = walk.headingTask();
  if (walk.inCriteria() || forced) return entry?.task ?? head ?? null;
  if (entry?.task) return undefined;
  if (head) return head;
  return walk.fileHasIds ? undefined : null;
}

/** Criteria keep their words as written, bold unwrapped; `[P]` in "clear [P] markings" is prose there. */
function criterionText(rest: string): string {
  const text = rest.trim();
  return /^\*\*[^*]+\*\*$/.test(text) ? text.slice(2, -2).trim() : text;
}

/** CommonMark nesting: a list item is a child when indented past the parent's bullet and its space. */
function nests(indent: number, parent: ListEntry | undefined): boolean {
  return parent !== undefined && indent >= parent.indent + parent.bulletWidth + 1;
}
