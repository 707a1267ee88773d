import { catalogKey, type RequirementCatalog } from "./read-requirement-catalog.js";

// `All`, `All requirements`, `Todos`, `全て`, `全要件`: every requirement.
const ALL = /^(?:all(?:\s+requirements?)?|todos(?:\s+los\s+requisitos)?|tous|全て|すべて|全要件|全部|所有)$/i;
// Words written before the id: `Requirement 2`, `Req 3.1`, `AC-1.2`, `要件 1.1`, `R1.2`.
const LEAD = /^(?:requirements?|requisitos?|req\.?|要件|需求|AC-|R(?=\d))\s*/i;
// `1.1-1.7`, `1.1–1.3`, `FR-001–FR-004`, `FR-001 to FR-004`: a left side ending in a digit, a dash, a right side.
const RANGE = /^(.*\d[a-z]?)\s*(?:[-–—~〜]|\s+to\s+)\s*([A-Za-z]*-?[A-Za-z]*-?\d.*)$/;

/**
 * The catalogue ids one written reference stands for: itself, its form without a leading word, every
 * requirement for `All`, or the entries between the two ends of a range (in document order). Empty: unknown.
 */
export function resolveReference(raw: string, catalog: RequirementCatalog): string[] {
  // Notes after the id go: `1.2 (loading)`, `AC-5.3 ⏭️ (MVP1)`, a stray closing `_`.
  const ref = raw
    .replace(/\s*[（(].*$/, "")
    .replace(/[\p{Extended_Pictographic}\uFE0F_]/gu, "")
    .trim();
  if (ALL.test(ref)) return catalog.entries.filter((e) => e.kind !== "criterion").map((e) => e.id);
  const one = lookup(ref, catalog);
  if (one) return [one];
  const range = RANGE.exec(ref);
  if (range?.[1] && range[2]) {
    const from = lookup(range[1], catalog);
    const kind = from === undefined ? undefined : catalog.byKey.get(catalogKey(from))?.kind;
    const sameKind = (id: string | undefined) => id !== undefined && catalog.byKey.get(catalogKey(id))?.kind === kind;
    // `1.1-7` and `FR-001-004` abbreviate the right end: complete it from the left one first.
    const to = [complete(range[1], range[2]), range[2]].map((r) => lookup(r, catalog)).find(sameKind);
    if (from && to) {
      const ids = catalog.entries.map((e) => e.id);
      const [a, b] = [ids.indexOf(from), ids.indexOf(to)];
      if (a <= b) return ids.slice(a, b + 1).filter(sameKind);
    }
  }
  return [];
}

function lookup(ref: string, catalog: RequirementCatalog): string | undefined {
  return (catalog.byKey.get(catalogKey(ref)) ?? catalog.byKey.get(catalogKey(ref.replace(LEAD, ""))))?.id;
}

function complete(left: string, right: string): string {
  const cut = left.length - right.length;
  return cut > 0 && /^\d/.test(right) ? left.slice(0, cut) + right : right;
}
