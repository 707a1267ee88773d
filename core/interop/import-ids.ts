import { TASK_ID_PATTERN } from "../plan/plan-patterns.js";
import { slugify } from "../plan/slugify.js";
import type { TaskItem } from "./task-item.js";

const TASK_ID_MAX = 64;

/**
 * The milestone id when none is given: a slug of the folder's last segment (`specs/001-db-query-tool` →
 * `001-db-query-tool`), else of the whole path, else `imported-spec`. Slugs hold only `[a-z0-9-]` and at most
 * 64 characters, so they always satisfy the milestone id rule (no `..`, no `.lock` ending).
 */
export function defaultMilestoneId(folder: string): string {
  const segments = folder.split("/").filter(Boolean);
  return slugify(segments.at(-1) ?? "") || slugify(segments.join("-")) || "imported-spec";
}

/**
 * Plan task ids for the imported items, keyed by item id: the id as written when the plan accepts it
 * (`1`, `2.1`, `T012`, `M01-T01`), else a sanitised form (`11~2` → `11-2`, a made-up `今後の作業#3` →
 * `item-3`, `Phase 0#1` → `phase-0-1`). Unique ignoring case, as the plan requires.
 */
export function assignTaskIds(items: TaskItem[]): Map<string, string> {
  const ids = new Map<string, string>();
  const taken = new Set<string>();
  // Ids written validly keep their text even when a sanitised id would have come first.
  for (const item of items) {
    if (TASK_ID_PATTERN.test(item.id) && !taken.has(item.id.toLowerCase())) {
      ids.set(item.id, item.id);
      taken.add(item.id.toLowerCase());
    }
  }
  items.forEach((item, index) => {
    if (ids.has(item.id)) return;
    const base = sanitise(item) || `task-${index + 1}`;
    let id = base;
    for (let n = 2; taken.has(id.toLowerCase()); n++) id = `${base.slice(0, TASK_ID_MAX - `-${n}`.length)}-${n}`;
    ids.set(item.id, id);
    taken.add(id.toLowerCase());
  });
  return ids;
}

function sanitise(item: TaskItem): string {
  const hash = item.id.lastIndexOf("#");
  const raw =
    !item.idWritten && hash > 0 ? `${slugify(item.id.slice(0, hash)) || "item"}-${item.id.slice(hash + 1)}` : item.id;
  return raw
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/^[^A-Za-z0-9]+/, "")
    .slice(0, TASK_ID_MAX)
    .replace(/[^A-Za-z0-9]+$/, "");
}
