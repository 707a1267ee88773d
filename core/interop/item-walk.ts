import { DetailRouter } from "./detail-router.js";
import { ItemRegistry, type Place } from "./item-registry.js";
import type { HeadingInfo } from "./read-heading.js";
import type { ItemText } from "./read-item-text.js";
import type { ProseEdge } from "./read-dependency-prose.js";
import type { Criterion, LooseCriterion, ParseWarning, TaskGroup, TaskItem } from "./task-item.js";

export interface BuiltItems {
  items: TaskItem[];
  groups: TaskGroup[];
  criteria: LooseCriterion[];
  warnings: ParseWarning[];
  prose: ProseEdge[];
}

/** An enclosing heading: a task when the heading is one, else a group. */
interface Frame {
  level: number;
  info: HeadingInfo;
  task?: TaskItem;
}

/** An open list item: a task, or a criterion (`owner` = the task it belongs to, null when loose). */
export interface ListEntry {
  indent: number;
  bulletWidth: number;
  task?: TaskItem;
  owner?: TaskItem | null;
}

/** The item whose continuation lines come next. */
export interface OpenItem {
  item?: TaskItem;
  criterion?: Criterion;
  indent: number;
  /** Lines right after the item without a bullet continue its title (K6 long titles). */
  titleOpen: boolean;
  /** The item's text after its id so far, re-read whole when a continuation line arrives. */
  raw: string;
}

/**
 * Where the one walk over a task list's lines is (build-task-items.ts): the headings around the line,
 * the open list items, the item whose continuation lines may come, and what has been built so far.
 * Each kind of line is read by its own step (walk-heading.ts, walk-checkbox.ts, walk-status.ts, walk-text.ts).
 */
export class ItemWalk {
  readonly out: BuiltItems = { items: [], groups: [], criteria: [], warnings: [], prose: [] };
  readonly registry = new ItemRegistry(this.out.warnings);
  readonly details = new DetailRouter();
  frames: Frame[] = [];
  list: ListEntry[] = [];
  open: OpenItem | undefined;
  /** Under a `**Acceptance Criteria:**`-like label: id-less checkboxes are criteria. */
  fieldCriteria = false;
  phase: { index: number; level: number } | undefined;
  phaseCount = 0;

  constructor(
    /** Headings whose section holds a `**Status**: [ ]` field. */
    readonly statusHeadings: ReadonlySet<number>,
    readonly fileHasIds: boolean,
  ) {}

  headingTask(): TaskItem | undefined {
    return this.frames.findLast((f) => f.task)?.task;
  }

  inCriteria(): boolean {
    return this.fieldCriteria || this.frames.some((f) => f.info.criteria);
  }

  group(): string | undefined {
    return this.frames.findLast((f) => !f.task)?.info.title;
  }

  place(): Place {
    return { ...optional("group", this.group()), ...optional("phase", this.phase?.index) };
  }

  /** Parents come from dotted ids first, then indentation, then an enclosing heading task. */
  parentFor(text: ItemText, id: string, line: number, entry?: ListEntry): string | undefined {
    if (text.idStyle === "numeric" && id.includes(".")) return this.registry.numericParent(id, line, this.place());
    return entry?.task?.id ?? this.headingTask()?.id;
  }
}

/** `{ key: value }` when the value is defined, else `{}`: keeps optional fields absent rather than undefined. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]?: V });
}
