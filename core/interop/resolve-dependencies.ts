import type { ProseEdge } from "./read-dependency-prose.js";
import type { ParseWarning, TaskGroup, TaskItem } from "./task-item.js";

const SPEC_KIT_RANGE = /^T(\d{3,4})\s*[-–]\s*T(\d{3,4})$/i;
const DOTTED_RANGE = /^(?:(\d+(?:\.\d+)*)\.)?(\d+)\s*[-–]\s*(?:\1\.)?(\d+)$/;

/**
 * Turn raw dependency tokens into ids that exist (FORMATS §6.4): ranges expand over the ids the file
 * actually has (`T001-T009` skips gaps, keeps `T004a`), unknown ids are dropped with a warning, and
 * Dependencies-section sentences (`T019 depends on T017`, `T008 blocks T009`) add explicit edges.
 */
export function resolveDependencies(
  items: TaskItem[],
  prose: ProseEdge[],
  warnings: ParseWarning[],
  groups: TaskGroup[] = [],
): void {
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
  // Prose: `phase:3` is the tasks under the `Phase 3` heading, `story:US2` those labelled [US2].
  const term = (t: string, owner: string, line: number): string[] => {
    if (t.startsWith("phase:")) {
      const written = new RegExp(`\\bphase\\s+${t.slice(6)}\\b`, "i");
      const index = groups.find((g) => g.phase !== undefined && written.test(g.title))?.phase;
      return index === undefined ? [] : items.filter((i) => i.phase === index).map((i) => i.id);
    }
    if (t.startsWith("story:")) return items.filter((i) => i.story === t.slice(6)).map((i) => i.id);
    return expand(t, owner, line);
  };
  for (const edge of prose) {
    const subjects = unique(
      edge.subjects.flatMap((t) =>
        /^(?:phase|story):/.test(t) ? term(t, t, edge.line) : byId.has(t) ? [t] : (expandRange(t, ids) ?? []),
      ),
    );
    for (const id of subjects) {
      const item = byId.get(id)!;
      const targets = edge.refs.flatMap((t) => term(t, id, edge.line)).filter((d) => d !== id);
      item.dependencies = unique([...item.dependencies, ...targets]);
    }
  }
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
