import { parseTaskList } from "./parse-task-list.js";
import { readRequirementCatalog, type CatalogEntry } from "./read-requirement-catalog.js";
import { resolveReference } from "./resolve-reference.js";
import type { TaskItem } from "./task-item.js";

/** One reference written in a task, and what it resolved to (empty: unknown). */
export interface TraceReference {
  task: string;
  ref: string;
  /** 1-based line of the task list where the reference is written. */
  line: number;
  resolved: string[];
}

export interface TraceRow {
  id: string;
  kind: CatalogEntry["kind"];
  title: string;
  file: string;
  line: number;
  /** Tasks that reference the requirement or one of its criteria, in document order. */
  tasks: string[];
}

export interface Trace {
  /** Requirements (not criteria) × the tasks covering each. */
  rows: TraceRow[];
  /** Ids of the rows no task covers. */
  uncovered: string[];
  references: TraceReference[];
  /** `path:line: unknown requirement reference "X.Y" in task 2.1`, one per unknown reference. */
  warnings: { line: number; message: string }[];
}

// FR-001, SC-002, NFR-3 written in a title or a detail line (Spec Kit tasks have no `_Requirements:_` field).
const INLINE_REF = /\b(?:FR|NFR|SC)-\d+[a-z]?\b/g;

/**
 * Resolve the requirement references of a task list against requirements.md / spec.md: `_Requirements: 1.2_`,
 * ranges, `All`, `FR-001`, `SC-002`, a story label `[US1]`. Pure; unknown references become warnings.
 */
export function traceRequirements(input: {
  tasks: { path: string; text: string };
  requirements: { path: string; text: string }[];
}): Trace {
  const catalog = readRequirementCatalog(input.requirements);
  const list = parseTaskList(input.tasks.text, { path: input.tasks.path });
  const lines = input.tasks.text.split(/\r?\n/);
  const references: TraceReference[] = [];
  const warnings: Trace["warnings"] = [];
  list.items.forEach((item, index) => {
    const end = list.items[index + 1]?.line ?? lines.length + 1;
    for (const ref of referencesOf(item)) {
      const line = findLine(lines, ref, item.line, end);
      const resolved = resolveReference(ref, catalog);
      references.push({ task: item.id, ref, line, resolved });
      if (resolved.length === 0 && catalog.entries.length > 0)
        warnings.push({ line, message: `unknown requirement reference "${ref}" in task ${item.id}` });
    }
  });
  if (catalog.entries.length === 0 && references.length > 0) {
    const message = `${references.length} requirement references, but no requirement is defined (no requirements.md or spec.md, or none numbered)`;
    warnings.push({ line: references[0]?.line ?? 1, message });
  }
  const rows: TraceRow[] = catalog.entries
    .filter((e) => e.kind !== "criterion")
    .map((e) => ({ id: e.id, kind: e.kind, title: e.title, file: e.file, line: e.line, tasks: [] }));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const entries = new Map(catalog.entries.map((e) => [e.id, e]));
  for (const r of references) {
    for (const id of r.resolved) {
      const row = byId.get(entries.get(id)?.requirement ?? id);
      if (row && !row.tasks.includes(r.task)) row.tasks.push(r.task);
    }
  }
  return { rows, uncovered: rows.filter((r) => r.tasks.length === 0).map((r) => r.id), references, warnings };
}

/** `_Requirements:_` tokens, the story label, and FR/SC ids in the title and details, each once. */
function referencesOf(item: TaskItem): string[] {
  const refs = [...item.requirements];
  for (const s of item.story?.split(/[/,&]/) ?? []) refs.push(/^US/i.test(s) ? s : `US${s}`);
  for (const text of [item.title, ...item.details]) refs.push(...(text.match(INLINE_REF) ?? []));
  return [...new Set(refs.map((r) => r.trim()).filter((r) => r !== ""))];
}

/** The first line in [from, to) that holds the reference; the task's own line when none does. */
function findLine(lines: string[], ref: string, from: number, to: number): number {
  const needle = ref.toLowerCase();
  for (let n = from; n < to && n <= lines.length; n++) if (lines[n - 1]?.toLowerCase().includes(needle)) return n;
  return from;
}
