import type { ProseEdge } from "./build-task-items.js";
import { splitList } from "./read-item-text.js";
import type { ParseWarning, TaskItem } from "./task-item.js";

const SPEC_KIT_RANGE = /^T(\d{3,4})\s*[-–]\s*T(\d{3,4})$/i;
const DOTTED_RANGE = /^(?:(\d+(?:\.\d+)*)\.)?(\d+)\s*[-–]\s*(?:\1\.)?(\d+)$/;

/**
 * Turn raw dependency tokens into ids that exist (FORMATS §6.4): ranges expand over the ids the file
 * actually has (`T001-T009` skips gaps, keeps `T004a`), unknown ids are dropped with a warning, and
 * Dependencies-section sentences (`T019 depends on T017`, `T008 blocks T009`) add explicit edges.
 */
export function resolveDependencies(items: TaskItem[], prose: ProseEdge[], warnings: ParseWarning[]): void {
  const byId = new Map(items.map((i) => [i.id, i]));
  const ids = items.map((i) => i.id);

  const expand = (token: string, owner: string, line: number): string[] => {
    const t = token.trim().replace(/^tasks?\s+/i, "");
    if (byId.has(t)) return [t];
    const found = expandRange(t, ids);
    if (found === undefined)
      warnings.push({ line, message: `task "${owner}" depends on unknown task "${t}"; dropped`, severity: "warning" });
    return found ?? [];
  };

  for (const item of items) {
    item.dependencies = unique(item.dependencies.flatMap((t) => expand(t, item.id, item.line))).filter(
      (d) => d !== item.id,
    );
  }
  for (const edge of prose) {
    const subject = byId.get(edge.subject);
    if (!subject) continue;
    const refs = splitList(edge.refs.replace(/\([^)]*\)/g, "")).filter((t) => /^T\d/i.test(t));
    const targets = refs.flatMap((r) => expand(r, subject.id, edge.line)).filter((id) => id !== subject.id);
    if (edge.verb === "depends") subject.dependencies = unique([...subject.dependencies, ...targets]);
    else for (const id of targets) addDependency(byId.get(id), subject.id);
  }
}

function addDependency(item: TaskItem | undefined, dep: string): void {
  if (item && item.id !== dep && !item.dependencies.includes(dep)) item.dependencies.push(dep);
}

/** Ids in `from..to` among `ids`, in document order; undefined when `token` is not a range. */
export function expandRange(token: string, ids: string[]): string[] | undefined {
  const kit = SPEC_KIT_RANGE.exec(token);
  if (kit) {
    const [lo, hi] = [Number(kit[1]), Number(kit[2])];
    return ids.filter((id) => {
      const n = /^T(\d{3,4})/.exec(id)?.[1];
      return n !== undefined && !id.includes("~") && Number(n) >= lo && Number(n) <= hi;
    });
  }
  const dotted = DOTTED_RANGE.exec(token);
  if (dotted) {
    const prefix = dotted[1] ? `${dotted[1]}.` : "";
    const [lo, hi] = [Number(dotted[2]), Number(dotted[3])];
    return ids.filter((id) => {
      if (!id.startsWith(prefix)) return false;
      const last = id.slice(prefix.length);
      return /^\d+$/.test(last) && Number(last) >= lo && Number(last) <= hi;
    });
  }
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
