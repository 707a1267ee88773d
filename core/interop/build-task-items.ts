import { ODD_BOX, stateOf, type Checkbox } from "./checkbox-syntax.js";
import { readDetailLine } from "./read-detail-line.js";
import { isCriteriaLabel, readHeading, type HeadingInfo } from "./read-heading.js";
import { readItemText, type ItemText } from "./read-item-text.js";
import type { ScannedLine } from "./scan-lines.js";
import type { Criterion, LooseCriterion, ParseWarning, TaskGroup, TaskItem } from "./task-item.js";

/** A `T019 depends on T017, T018` / `T008 blocks T009` sentence from a Dependencies section (Spec Kit). */
export interface ProseEdge {
  subject: string;
  verb: "depends" | "blocks";
  refs: string;
  line: number;
}

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
interface OpenItem {
  item?: TaskItem;
  criterion?: Criterion;
  indent: number;
  /** Lines right after the item without a bullet continue its title (K6 long titles). */
  titleOpen: boolean;
  /** The item's text as written so far, re-read whole when a continuation line arrives. */
  raw: string;
}
interface OpenField {
  item: TaskItem;
  key: string;
  indent: number;
  lines: string[];
}

const PROSE_EDGE =
  /^(?:[-*+]\s+)?(?:\*\*)?(T\d{3,4}(?:[A-Za-z]|-[A-Z]+)?)(?:\*\*)?\s*:?\s+(depends on|requires|after|blocks)\s+(.+)$/i;
const LABEL =
  /^(?:[-*+]\s+)?(?:\*\*([^*]{1,60}?)(?:\*\*\s*[:：]|[:：]\*\*)|\*\*([^*]{1,60}?)\*\*\s*$|([^\s:：*][^:：*]{0,40})[:：]\s*$)/u;
const LIST_MARK = /^(?:[-*+]|\d+[.)])\s/;

/**
 * Walk the scanned lines once and build items, criteria and groups (FORMATS §6.2–6.3). Parents come from
 * dotted ids first, then indentation, then an enclosing heading task. Dependencies stay raw tokens here.
 */
export function buildTaskItems(lines: ScannedLine[], fileHasIds: boolean): BuiltItems {
  const out: BuiltItems = { items: [], groups: [], criteria: [], warnings: [], prose: [] };
  const byId = new Map<string, TaskItem>();
  const numbered = new Map<string, { title: string; line: number; group?: string }>();
  const counters = new Map<string, number>();
  let frames: Frame[] = [];
  let list: ListEntry[] = [];
  let open: OpenItem | undefined;
  let field: OpenField | undefined;
  let fieldCriteria = false;
  let phase: { index: number; level: number } | undefined;
  let phaseCount = 0;

  const headingTask = () => frames.findLast((f) => f.task)?.task;
  const inCriteria = () => fieldCriteria || frames.some((f) => f.info.criteria);
  const group = () => frames.findLast((f) => !f.task)?.info.title;
  const warn = (line: number, message: string, severity: ParseWarning["severity"] = "warning") =>
    out.warnings.push({ line, message, severity });

  function uniqueId(id: string, line: number): string {
    if (!byId.has(id)) return id;
    let n = 2;
    while (byId.has(`${id}~${n}`)) n++;
    warn(line, `duplicate task id "${id}" (first at line ${byId.get(id)?.line}); this one is read as "${id}~${n}"`);
    return `${id}~${n}`;
  }

  function syntheticId(): string {
    const key = groupKey(group());
    const n = (counters.get(key) ?? 0) + 1;
    counters.set(key, n);
    return `${key}#${n}`;
  }

  function add(fields: Partial<TaskItem> & Pick<TaskItem, "id" | "line" | "kind">, text: ItemText): TaskItem {
    const item: TaskItem = {
      idWritten: true,
      title: text.title,
      state: "todo",
      rawState: "",
      optional: text.optional,
      parallel: text.parallel,
      dependencies: [...text.dependsOn],
      requirements: [],
      criteria: [],
      indent: 0,
      details: [],
      meta: {},
      ...fields,
    };
    if (text.story) item.story = text.story;
    if (text.annotations.length > 0) item.annotations = [...(item.annotations ?? []), ...text.annotations];
    const g = group();
    if (g !== undefined && item.group === undefined) item.group = g;
    if (phase && item.phase === undefined) item.phase = phase.index;
    if (item.parent === undefined) delete item.parent;
    byId.set(item.id, item);
    out.items.push(item);
    return item;
  }

  function setBox(item: TaskItem, box: Checkbox, line: number): void {
    item.rawState = box.raw;
    item.state = stateOf(box.raw);
    item.stateLine = line;
    if (box.optional) item.optional = true;
  }

  /** Longest proper prefix already seen (`5.2.1` → `5.2` → `5`), else a synthetic parent from a `### 5.2 …` heading. */
  function numericParent(id: string, line: number): string | undefined {
    const parts = id.split(".");
    for (let k = parts.length - 1; k >= 1; k--) {
      const prefix = parts.slice(0, k).join(".");
      if (byId.has(prefix)) return prefix;
      const heading = numbered.get(prefix);
      if (heading) {
        const text = readItemText(heading.title, { id: false });
        add(
          {
            id: prefix,
            line: heading.line,
            kind: "synthetic",
            parent: numericParent(prefix, heading.line),
            group: heading.group,
          },
          text,
        );
        return prefix;
      }
    }
    if (parts.length > 1) warn(line, `task "${id}" has no parent item "${parts.slice(0, -1).join(".")}"`, "info");
    return undefined;
  }

  function parentFor(text: ItemText, id: string, line: number, entry?: ListEntry): string | undefined {
    if (text.idStyle === "numeric" && id.includes(".")) return numericParent(id, line);
    return entry?.task?.id ?? headingTask()?.id;
  }

  function closeField(): void {
    if (!field) return;
    field.item.meta[field.key] = field.lines.join("\n").trim().replace(/_$/, "").trimEnd();
    field = undefined;
  }

  function route(item: TaskItem, text: string, indent: number): void {
    const d = readDetailLine(text.trim());
    if (d.kind === "requirements") item.requirements.push(...d.refs);
    else if (d.kind === "depends") item.dependencies.push(...d.refs);
    else if (d.kind === "text") item.details.push(d.text);
    else if (d.value === "" && !d.open) return;
    else if (d.open) field = { item, key: d.key, indent, lines: d.value === "|" || d.value === ">" ? [] : [d.value] };
    else item.meta[d.key] = item.meta[d.key] === undefined ? d.value : `${item.meta[d.key]}\n${d.value}`;
  }

  function onHeading(line: Extract<ScannedLine, { kind: "heading" }>): void {
    closeField();
    open = undefined;
    list = [];
    fieldCriteria = false;
    frames = frames.filter((f) => f.level < line.level);
    if (phase && line.level <= phase.level) phase = undefined;
    const info = readHeading(line.title);
    const frame: Frame = { level: line.level, info };
    if (line.box) {
      const text = readItemText(line.box.rest);
      const id = uniqueId(text.id ?? text.skipOf ?? syntheticId(), line.n);
      frame.task = add(
        { id, idWritten: text.id !== undefined, line: line.n, kind: "heading", parent: parentFor(text, id, line.n) },
        text,
      );
      setBox(frame.task, line.box, line.n);
    } else if (info.task) {
      const { text } = info.task;
      const id = uniqueId(info.task.id, line.n);
      const parent = parentFor({ ...text, idStyle: info.task.idStyle }, id, line.n);
      frame.task = add({ id, line: line.n, kind: "heading", parent, annotations: info.leading }, text);
      if (frame.task.annotations?.length === 0) delete frame.task.annotations;
    } else {
      const g: TaskGroup = { title: info.title, line: line.n, level: line.level };
      if (info.phase && !inCriteria()) {
        phase = { index: phaseCount++, level: line.level };
        g.phase = phase.index;
        if (info.storyPhase) g.storyPhase = true;
      }
      out.groups.push(g);
      const parentGroup = group();
      if (info.number)
        numbered.set(info.number, {
          title: info.title.replace(/^\d+(?:\.\d+)*\.?[:：]?\s*/, ""),
          line: line.n,
          ...(parentGroup === undefined ? {} : { group: parentGroup }),
        });
    }
    frames.push(frame);
  }

  function onCheckbox(line: Extract<ScannedLine, { kind: "checkbox" }>): void {
    if (field && line.indent > field.indent) return void field.lines.push(line.text.trim());
    closeField();
    while (list.length > 0 && !nests(line.indent, list[list.length - 1])) list.pop();
    const entry = list[list.length - 1];
    const text = readItemText(line.box.rest);
    const place = { indent: line.indent, bulletWidth: line.bulletWidth };
    // In a checklist section, `- [x] 13.1: …` restates task 13.1's completion: a criterion, not a duplicate task.
    const restated = text.id !== undefined && byId.has(text.id) && inCriteria();
    if ((text.id === undefined && text.skipOf === undefined) || restated) {
      const owner = restated ? (headingTask() ?? null) : criterionOwner(entry);
      if (owner !== undefined) {
        const state = stateOf(line.box.raw);
        const criterion: Criterion = {
          text: criterionText(line.box.rest),
          done: state === "done",
          state,
          rawState: line.box.raw,
          optional: line.box.optional,
          line: line.n,
        };
        const g = group();
        const stored = owner ? criterion : g === undefined ? criterion : { ...criterion, group: g };
        if (owner) owner.criteria.push(stored);
        else out.criteria.push(stored);
        list.push({ ...place, owner });
        open = { criterion: stored, indent: line.indent, titleOpen: true, raw: "" };
        return;
      }
    }
    const id = uniqueId(text.id ?? (text.skipOf ? text.skipOf : syntheticId()), line.n);
    const kind = text.skipOf && !text.id ? "skip" : "checkbox";
    const item = add(
      {
        id,
        idWritten: text.id !== undefined || text.skipOf !== undefined,
        line: line.n,
        kind,
        parent: parentFor(text, id, line.n, entry),
        indent: line.indent,
      },
      text,
    );
    setBox(item, line.box, line.n);
    list.push({ ...place, task: item });
    open = { item, indent: line.indent, titleOpen: true, raw: text.afterId };
  }

  /** Who owns an id-less checkbox as a criterion (null = loose), or undefined when it is a task (FORMATS §6.3 rule 4). */
  function criterionOwner(entry: ListEntry | undefined): TaskItem | null | undefined {
    if (entry?.owner !== undefined) return entry.owner;
    const head = headingTask();
    if (inCriteria()) return entry?.task ?? head ?? null;
    if (entry?.task) return undefined;
    if (head) return head;
    return fileHasIds ? undefined : null;
  }

  function onStatus(line: Extract<ScannedLine, { kind: "status" }>): void {
    if (field && line.indent > field.indent) return void field.lines.push(line.text.trim());
    closeField();
    const target = headingTask();
    if (target && target.stateLine === undefined) setBox(target, line.box, line.n);
    else warn(line.n, "status box outside a heading task (or the task already has a state); ignored", "info");
  }

  function onText(line: Extract<ScannedLine, { kind: "text" }>, sawBlank: boolean): void {
    const trimmed = line.text.trim();
    if (field && line.indent > field.indent) return void field.lines.push(trimmed);
    closeField();
    if (open && line.indent > open.indent) {
      const wraps = open.titleOpen && !sawBlank && !LIST_MARK.test(trimmed) && !/^[_*]/.test(trimmed);
      if (open.criterion) {
        if (wraps) open.criterion.text = `${open.criterion.text} ${trimmed}`;
        else open.titleOpen = false;
        return;
      }
      if (!open.item) return;
      if (wraps) {
        open.raw = `${open.raw} ${trimmed}`;
        const text = readItemText(open.raw, { id: false });
        open.item.title = text.title;
        if (text.annotations.length > 0) open.item.annotations = text.annotations;
        else delete open.item.annotations;
        return;
      }
      open.titleOpen = false;
      return route(open.item, line.text, line.indent);
    }
    open = undefined;
    if (line.indent === 0) list = [];
    const odd = ODD_BOX.exec(line.text);
    if (odd && readItemText(odd[2] ?? "").id !== undefined) {
      warn(line.n, `"[${odd[1]}]" is not a state box ([ ], [x], [X], [-] or [~]); the task on this line was not read`);
    }
    const label = LABEL.exec(trimmed);
    const key = label?.[1] ?? label?.[2] ?? label?.[3];
    if (key !== undefined) fieldCriteria = isCriteriaLabel(key);
    const head = headingTask();
    if (head) route(head, line.text, line.indent);
    if (frames.some((f) => f.info.dependencies)) {
      const edge = PROSE_EDGE.exec(trimmed);
      if (edge?.[1] && edge[2] && edge[3]) {
        out.prose.push({
          subject: edge[1],
          verb: /blocks/i.test(edge[2]) ? "blocks" : "depends",
          refs: edge[3],
          line: line.n,
        });
      }
    }
  }

  let sawBlank = false;
  for (const line of lines) {
    if (line.kind === "blank" || line.kind === "hidden") {
      if (field && line.kind === "blank") field.lines.push("");
      sawBlank = true;
      continue;
    }
    if (line.kind === "heading") onHeading(line);
    else if (line.kind === "checkbox") onCheckbox(line);
    else if (line.kind === "status") onStatus(line);
    else onText(line, sawBlank);
    sawBlank = false;
  }
  closeField();
  out.items.sort((a, b) => a.line - b.line);
  return out;
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

/** A short, stable key for synthetic ids: the group title before its first separator, without markup. */
function groupKey(title: string | undefined): string {
  if (title === undefined) return "";
  const plain = title
    .replace(/[*`_]/g, "")
    .replace(/\p{Extended_Pictographic}\uFE0F?/gu, "")
    .split(/\s*(?:[:：(（]|\s[-—–]\s)/)[0]
    ?.replace(/\s+/g, " ")
    .trim();
  return (plain ?? "").slice(0, 40);
}
