import { ODD_BOX, stateOf } from "./checkbox-syntax.js";
import { DetailRouter } from "./detail-router.js";
import { ItemRegistry, setBox, type Place } from "./item-registry.js";
import { isCriteriaLabel, readHeading, type HeadingInfo } from "./read-heading.js";
import { readItemText, type ItemText } from "./read-item-text.js";
import { readDependencyProse, type ProseEdge } from "./read-dependency-prose.js";
import type { ScannedLine } from "./scan-lines.js";
import type { Criterion, LooseCriterion, ParseWarning, TaskGroup, TaskItem } from "./task-item.js";

export interface BuiltItems {
  items: TaskItem[];
  groups: TaskGroup[];
  criteria: LooseCriterion[];
  warnings: ParseWarning[];
  prose: ProseEdge[];
}

interface Frame {
  level: number;
  info: HeadingInfo;
  task?: TaskItem;
}
/** An open list item: a task, or a criterion (`owner` = the task it belongs to, null when loose). */
interface ListEntry {
  indent: number;
  bulletWidth: number;
  task?: TaskItem;
  owner?: TaskItem | null;
}
/** The item whose continuation lines come next. */
interface OpenItem {
  item?: TaskItem;
  criterion?: Criterion;
  indent: number;
  /** Lines right after the item without a bullet continue its title (K6 long titles). */
  titleOpen: boolean;
  /** The item's text after its id so far, re-read whole when a continuation line arrives. */
  raw: string;
}

const LABEL =
  /^(?:[-*+]\s+)?(?:\*\*([^*]{1,60}?)(?:\*\*\s*[:：]|[:：]\*\*)|\*\*([^*]{1,60}?)\*\*\s*$|([^\s:：*][^:：*]{0,40})[:：]\s*$)/u;
const LIST_MARK = /^(?:[-*+]|\d+[.)])\s/;
/** Ids that name an acceptance or success criterion, never a task: `SC-001`, `AC-US1-01`. */
const CRITERION_ID = /^(?:SC|AC)-/;

/**
 * Walk the scanned lines once and build items, criteria and groups (FORMATS §6.2–6.3). Parents come from
 * dotted ids first, then indentation, then an enclosing heading task. Dependencies stay raw tokens here.
 */
export function buildTaskItems(lines: ScannedLine[], fileHasIds: boolean): BuiltItems {
  const out: BuiltItems = { items: [], groups: [], criteria: [], warnings: [], prose: [] };
  const registry = new ItemRegistry(out.warnings);
  const statusHeadings = findStatusHeadings(lines);
  const details = new DetailRouter();
  let frames: Frame[] = [];
  let list: ListEntry[] = [];
  let open: OpenItem | undefined;
  let fieldCriteria = false;
  let phase: { index: number; level: number } | undefined;
  let phaseCount = 0;

  const headingTask = () => frames.findLast((f) => f.task)?.task;
  const inCriteria = () => fieldCriteria || frames.some((f) => f.info.criteria);
  const group = () => frames.findLast((f) => !f.task)?.info.title;
  const place = (): Place => ({ ...optional("group", group()), ...optional("phase", phase?.index) });

  function parentFor(text: ItemText, id: string, line: number, entry?: ListEntry): string | undefined {
    if (text.idStyle === "numeric" && id.includes(".")) return registry.numericParent(id, line, place());
    return entry?.task?.id ?? headingTask()?.id;
  }

  function onHeading(line: Extract<ScannedLine, { kind: "heading" }>): void {
    details.close();
    [open, list, fieldCriteria] = [undefined, [], false];
    frames = frames.filter((f) => f.level < line.level);
    if (phase && line.level <= phase.level) phase = undefined;
    const info = readHeading(line.title);
    const frame: Frame = { level: line.level, info };
    if (line.box) {
      const text = readItemText(line.box.rest);
      const id = registry.uniqueId(text.id ?? text.skipOf ?? registry.syntheticId(group()), line.n);
      const parent = parentFor(text, id, line.n);
      frame.task = registry.add(
        { id, idWritten: text.id !== undefined, line: line.n, kind: "heading", parent },
        text,
        place(),
      );
      setBox(frame.task, line.box, line.n);
    } else if (info.task) {
      const id = registry.uniqueId(info.task.id, line.n);
      const parent = parentFor({ ...info.task.text, idStyle: info.task.idStyle }, id, line.n);
      const fields = { id, line: line.n, kind: "heading" as const, parent, annotations: info.leading };
      frame.task = registry.add(fields, info.task.text, place());
    } else if (statusHeadings.has(line.n)) {
      // `### 14.1 Title` / `### TC-07-04: Title` / `### Step 2: …` then `**Status**: [ ]`: the field makes it a task.
      const text = readItemText(info.title);
      const id = registry.uniqueId(text.id ?? registry.syntheticId(group()), line.n);
      const fields = { id, idWritten: text.id !== undefined, line: line.n, kind: "heading" as const };
      frame.task = registry.add(
        { ...fields, parent: parentFor(text, id, line.n), annotations: info.leading },
        text,
        place(),
      );
    } else {
      const g: TaskGroup = { title: info.title, line: line.n, level: line.level };
      if (info.phase && !inCriteria()) {
        phase = { index: phaseCount++, level: line.level };
        g.phase = phase.index;
        if (info.storyPhase) g.storyPhase = true;
      }
      out.groups.push(g);
      if (info.number) registry.noteNumberedHeading(info.number, info.title, line.n, place());
    }
    frames.push(frame);
  }

  function onCheckbox(line: Extract<ScannedLine, { kind: "checkbox" }>): void {
    if (details.absorbs(line.indent, line.text)) return;
    details.close();
    while (list.length > 0 && !nests(line.indent, list[list.length - 1])) list.pop();
    const entry = list[list.length - 1];
    const text = readItemText(line.box.rest);
    const at = { indent: line.indent, bulletWidth: line.bulletWidth };
    // In a checklist section, `- [x] 13.1: …` restates task 13.1's completion: a criterion, not a duplicate task.
    const restated = text.id !== undefined && registry.has(text.id) && inCriteria();
    // `- [ ] SC-001: …` (Spec Kit success criteria), `- [ ] AC-US1-01: …`: criteria by their id, wherever they are.
    const criterionId = text.idStyle === "foreign" && CRITERION_ID.test(text.id ?? "");
    const owner = restated
      ? (headingTask() ?? null)
      : criterionId
        ? criterionOwner(entry, true)
        : text.id === undefined && text.skipOf === undefined
          ? criterionOwner(entry)
          : undefined;
    if (owner !== undefined) {
      const state = stateOf(line.box.raw);
      const fields = {
        done: state === "done",
        state,
        rawState: line.box.raw,
        optional: line.box.optional,
        line: line.n,
      };
      const criterion: LooseCriterion = {
        text: criterionText(line.box.rest),
        ...fields,
        ...optional("group", owner ? undefined : group()),
      };
      (owner ? owner.criteria : out.criteria).push(criterion);
      list.push({ ...at, owner });
      open = { criterion, indent: line.indent, titleOpen: true, raw: "" };
      return;
    }
    const id = registry.uniqueId(text.id ?? text.skipOf ?? registry.syntheticId(group()), line.n);
    const kind = text.skipOf && !text.id ? "skip" : "checkbox";
    const idWritten = text.id !== undefined || text.skipOf !== undefined;
    const parent = parentFor(text, id, line.n, entry);
    const item = registry.add({ id, idWritten, line: line.n, kind, parent, indent: line.indent }, text, place());
    setBox(item, line.box, line.n);
    list.push({ ...at, task: item });
    open = { item, indent: line.indent, titleOpen: true, raw: text.afterId };
  }

  /** Who owns an id-less checkbox as a criterion (null = loose), or undefined when it is a task (FORMATS §6.3 rule 4). */
  function criterionOwner(entry: ListEntry | undefined, forced = false): TaskItem | null | undefined {
    if (entry?.owner !== undefined) return entry.owner;
    const head = headingTask();
    if (inCriteria() || forced) return entry?.task ?? head ?? null;
    if (entry?.task) return undefined;
    if (head) return head;
    return fileHasIds ? undefined : null;
  }

  function onStatus(line: Extract<ScannedLine, { kind: "status" }>): void {
    if (details.absorbs(line.indent, line.text)) return;
    details.close();
    const target = headingTask();
    if (target && target.stateLine === undefined) setBox(target, line.box, line.n);
    else
      out.warnings.push({
        line: line.n,
        message: "status box outside a heading task (or the task already has one); ignored",
        severity: "info",
      });
  }

  /** A line indented under the open item: a wrapped title, a criterion's continuation, or a detail. */
  function onContinuation(o: OpenItem, line: Extract<ScannedLine, { kind: "text" }>, sawBlank: boolean): void {
    const trimmed = line.text.trim();
    const wraps = o.titleOpen && !sawBlank && !LIST_MARK.test(trimmed) && !/^[_*]/.test(trimmed);
    if (!wraps) o.titleOpen = false;
    if (o.criterion) {
      if (wraps) o.criterion.text = `${o.criterion.text} ${trimmed}`;
    } else if (o.item && wraps) {
      o.raw = `${o.raw} ${trimmed}`;
      const text = readItemText(o.raw, { id: false });
      o.item.title = text.title;
      if (text.annotations.length > 0) o.item.annotations = text.annotations;
      else delete o.item.annotations;
    } else if (o.item) {
      details.route(o.item, line.text, line.indent);
    }
  }

  function onText(line: Extract<ScannedLine, { kind: "text" }>, sawBlank: boolean): void {
    if (details.absorbs(line.indent, line.text)) return;
    details.close();
    if (open && line.indent > open.indent) return onContinuation(open, line, sawBlank);
    open = undefined;
    if (line.indent === 0) list = [];
    const trimmed = line.text.trim();
    const odd = ODD_BOX.exec(line.text);
    if (odd && readItemText(odd[2] ?? "").id !== undefined) {
      const message = `"[${odd[1]}]" is not a state box ([ ], [x], [X], [-] or [~]); the task on this line was not read`;
      out.warnings.push({ line: line.n, message, severity: "warning" });
    }
    const label = LABEL.exec(trimmed);
    const key = label?.[1] ?? label?.[2] ?? label?.[3];
    if (key !== undefined) fieldCriteria = isCriteriaLabel(key);
    const head = headingTask();
    if (head) details.route(head, line.text, line.indent);
    const edge = frames.some((f) => f.info.dependencies) ? readDependencyProse(trimmed, line.n) : undefined;
    if (edge) out.prose.push(edge);
  }

  let sawBlank = false;
  for (const line of lines) {
    if (line.kind === "blank" || line.kind === "hidden") {
      if (line.kind === "blank") details.blank();
      sawBlank = true;
      continue;
    }
    if (line.kind === "heading") onHeading(line);
    else if (line.kind === "checkbox") onCheckbox(line);
    else if (line.kind === "status") onStatus(line);
    else onText(line, sawBlank);
    sawBlank = false;
  }
  details.close();
  out.items = registry.items.sort((a, b) => a.line - b.line);
  return out;
}

/** Headings whose own section (up to the next heading) holds a `**Status**: [ ]` field: tasks by their state. */
function findStatusHeadings(lines: ScannedLine[]): Set<number> {
  const found = new Set<number>();
  let heading: number | undefined;
  for (const line of lines) {
    if (line.kind === "heading") heading = line.box ? undefined : line.n;
    else if (line.kind === "status" && heading !== undefined) found.add(heading);
  }
  return found;
}

/** `{ key: value }` when the value is defined, else `{}`: keeps optional fields absent rather than undefined. */
function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
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
