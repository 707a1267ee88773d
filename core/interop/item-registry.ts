import { stateOf, type Checkbox } from "./checkbox-syntax.js";
import { readItemText, type ItemText } from "./read-item-text.js";
import type { ParseWarning, TaskItem } from "./task-item.js";

/** Where the walker is when an item is added: its group title and Spec Kit phase. */
export interface Place {
  group?: string;
  phase?: number;
}

type NewItem = Partial<TaskItem> & Pick<TaskItem, "id" | "line" | "kind">;

/**
 * The items found so far, keyed by id: hands out unique ids (K1 duplicates become `11~2`), synthetic
 * ids for id-less tasks (`<group>#<n>`), and parents from dotted ids (FORMATS §6.3 rule 1), making a
 * synthetic parent from a `### 1. Heading` when the file has no `1.` item (cc-sdd, K3).
 */
export class ItemRegistry {
  readonly items: TaskItem[] = [];
  private readonly byId = new Map<string, TaskItem>();
  private readonly numbered = new Map<string, { title: string; line: number; place: Place }>();
  private readonly counters = new Map<string, number>();

  constructor(private readonly warnings: ParseWarning[]) {}

  has(id: string): boolean {
    return this.byId.has(id);
  }

  uniqueId(id: string, line: number): string {
    if (!this.byId.has(id)) return id;
    let n = 2;
    while (this.byId.has(`${id}~${n}`)) n++;
    const first = this.byId.get(id)?.line;
    this.warn(line, `duplicate task id "${id}" (first at line ${first}); this one is read as "${id}~${n}"`, "warning");
    return `${id}~${n}`;
  }

  syntheticId(group: string | undefined): string {
    const key = groupKey(group);
    let n = this.counters.get(key) ?? 0;
    let id: string;
    do id = `${key}#${++n}`;
    while (this.byId.has(id));
    this.counters.set(key, n);
    return id;
  }

  /** Remember `### 1. Setup`: a possible synthetic parent for `1.1`, `1.2`, … found later. */
  noteNumberedHeading(number: string, title: string, line: number, place: Place): void {
    this.numbered.set(number, { title: title.replace(/^\d+(?:\.\d+)*\.?[:：]?\s*/, ""), line, place });
  }

  add(fields: NewItem, text: ItemText, place: Place): TaskItem {
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
    const annotations = [...(item.annotations ?? []), ...text.annotations];
    if (annotations.length > 0) item.annotations = annotations;
    else delete item.annotations;
    if (place.group !== undefined && item.group === undefined) item.group = place.group;
    if (place.phase !== undefined && item.phase === undefined) item.phase = place.phase;
    if (item.parent === undefined) delete item.parent;
    this.byId.set(item.id, item);
    this.items.push(item);
    return item;
  }

  /** Longest proper prefix already seen (`5.2.1` → `5.2` → `5`), else a synthetic parent from a numbered heading. */
  numericParent(id: string, line: number, place: Place): string | undefined {
    const parts = id.split(".");
    for (let k = parts.length - 1; k >= 1; k--) {
      const prefix = parts.slice(0, k).join(".");
      if (this.byId.has(prefix)) return prefix;
      const heading = this.numbered.get(prefix);
      if (heading) {
        const parent = this.numericParent(prefix, heading.line, heading.place);
        this.add(
          { id: prefix, line: heading.line, kind: "synthetic", parent },
          readItemText(heading.title, { id: false }),
          {
            ...heading.place,
            phase: heading.place.phase ?? place.phase,
          },
        );
        return prefix;
      }
    }
    if (parts.length > 1) this.warn(line, `task "${id}" has no parent item "${parts.slice(0, -1).join(".")}"`, "info");
    return undefined;
  }

  private warn(line: number, message: string, severity: ParseWarning["severity"]): void {
    this.warnings.push({ line, message, severity });
  }
}

/** Give an item the state written in its box. */
export function setBox(item: TaskItem, box: Checkbox, line: number): void {
  item.rawState = box.raw;
  item.state = stateOf(box.raw);
  item.stateLine = line;
  if (box.optional) item.optional = true;
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
