import { parseRequirements } from "./parse-requirements.js";
import { scanLines } from "./scan-lines.js";

/** One thing a task can point to: a requirement (Kiro `3`, `REQ-3`), a criterion (`3.2`), `FR-001`, `SC-001`, `US1`. */
export interface CatalogEntry {
  id: string;
  /** The requirement a criterion belongs to; a requirement is its own. */
  requirement: string;
  kind: "requirement" | "criterion" | "functional" | "success" | "story";
  title: string;
  /** 1-based line in its file. */
  line: number;
  file: string;
}

export interface RequirementCatalog {
  entries: CatalogEntry[];
  /** Lookup key (see `catalogKey`) → entry; aliases (`REQ-3` ↔ `3`) point to the same entry. */
  byKey: Map<string, CatalogEntry>;
}

// `- **FR-001**: …`, `FR-002a: …`, `- [ ] SC-001: …`, `**NFR-3** — …` (Spec Kit spec.md and hand-written specs).
const DEFINITION =
  /^\s*(?:[-*+]\s+|\d+[.)]\s+)?(?:\[[ xX~-]\]\s*)?(?:\*\*)?((?:FR|NFR|SC|REQ|AC)-(?:[A-Z]+\d*-)?\d+[a-z]?)(?:\*\*)?\s*(?:[:：.—–]|\*\*)\s*(.*)$/;
// `### User Story 1 - Title (Priority: P1)`, `### User Story 2: Title`, `### US3 — Title`.
const STORY =
  /^(?:User Story|US|用户故事|ユーザーストーリー|Historia de Usuario|Hist[óo]ria de Usu[áa]rio|사용자 스토리)\s*(\d+)\s*(?:[-—–:：]\s*(.*?))?\s*(?:\(Priority[^)]*\))?\s*$/i;

/** Lookup key of an id: case and a leading `#` ignored, so `us1`, `US1` and `FR-001` match as written. */
export function catalogKey(id: string): string {
  return id.trim().replace(/^#/, "").toUpperCase();
}

/**
 * Everything requirements.md and spec.md define that a task can reference: Kiro numbered requirements and
 * their acceptance criteria (`parseRequirements`), Spec Kit `FR-###` / `SC-###` items and user stories.
 */
export function readRequirementCatalog(files: { path: string; text: string }[]): RequirementCatalog {
  const catalog: RequirementCatalog = { entries: [], byKey: new Map() };
  const add = (entry: CatalogEntry, ...aliases: string[]) => {
    if (catalog.byKey.has(catalogKey(entry.id))) return;
    catalog.entries.push(entry);
    for (const key of [entry.id, ...aliases])
      if (!catalog.byKey.has(catalogKey(key))) catalog.byKey.set(catalogKey(key), entry);
  };
  for (const { path, text } of files) {
    for (const req of parseRequirements(text).requirements) {
      const number = /(?:^|-)(\d+[a-z]?)$/.exec(req.id)?.[1];
      // `UIH-REQ-001` is also `REQ-001` (tasks drop the spec's prefix); `REQ-3` and `Requirement 3` are also `3`.
      const short = /^[A-Z][A-Z0-9]*-(REQ-\d+[a-z]?)$/.exec(req.id)?.[1];
      const title = req.title || `Requirement ${req.id}`;
      const aliases = [number, short].filter((a): a is string => a !== undefined);
      add({ id: req.id, requirement: req.id, kind: "requirement", title, line: req.line, file: path }, ...aliases);
      for (const c of req.criteria) {
        const suffix = c.id.startsWith(`${req.id}.`) ? c.id.slice(req.id.length) : undefined;
        const entry = {
          id: c.id,
          requirement: req.id,
          kind: "criterion" as const,
          title: c.text,
          line: c.line,
          file: path,
        };
        add(entry, ...(suffix === undefined ? [] : aliases.map((a) => a + suffix)));
      }
    }
    for (const line of scanLines(text).lines) {
      if (line.kind === "heading") {
        const story = STORY.exec(line.title.replace(/[*_]/g, "").trim());
        if (story?.[1]) {
          const id = `US${story[1]}`;
          add({ id, requirement: id, kind: "story", title: (story[2] ?? "").trim(), line: line.n, file: path });
        }
        continue;
      }
      if (line.kind !== "text" && line.kind !== "checkbox") continue;
      const def = DEFINITION.exec(line.text);
      if (!def?.[1]) continue;
      const kind = /^SC-/.test(def[1]) ? "success" : "functional";
      add({
        id: def[1],
        requirement: def[1],
        kind,
        title: (def[2] ?? "").replace(/\*\*/g, "").trim(),
        line: line.n,
        file: path,
      });
    }
  }
  return catalog;
}
