/**
 * One sentence of a Spec Kit Dependencies / Execution Order section: what waits (`subjects`) for what
 * (`refs`). Terms are task ids (`T012`), ranges (`T010-T015`), `phase:3` (the `Phase 3` heading) and
 * `story:US2` (the tasks labelled `[US2]`); `resolveDependencies` expands them over the file.
 */
export interface ProseEdge {
  subjects: string[];
  refs: string[];
  line: number;
}

/** First verb wins; `after`-like verbs and `depends on` make the subject wait, `before`/`blocks` the object. */
const VERB =
  /\b(depends?\s+on|depend\s+on|requires?|(?:(?:can|may|must|only)\s+)?(?:start|begin|run|proceed)s?\s+(?:only\s+)?after|after|(?:must\s+)?waits?\s+for|blocks?|before|precedes?)\b/i;
const WAITS = /^(?:depends?|depend|requires?|.*after|.*wait)/i;
/** The object ends at a dash, semicolon or full stop between clauses ("… (Phase 2) - May integrate with US1"). */
const CLAUSE_END = /\s[-—–]\s|;|\.\s|\bbut\b/i;
const TERM =
  /\bT(\d{3,4}[a-z]?)(?:\s*(?:[-–—]|to|through|thru)\s*T(\d{3,4}))?\b|\bPhase\s+(\d+)\b(?!\s*\+)|\b(?:User\s+Story|Story|US)\s*-?(\d+)\b/gi;

/**
 * A sentence's edge, or undefined when it has no verb or names no task, phase or story on either side
 * ("Tests before implementation", "Setup (T001-T005) before all other phases"). Bold and a `Label:` colon are
 * read through: `**User Story 2 (P2)**: Can start after Foundational (Phase 2)` → `story:US2` after `phase:2`.
 */
export function readDependencyProse(text: string, line: number): ProseEdge | undefined {
  const plain = text
    .replace(/\*\*|__|`/g, "")
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/, "")
    .trim();
  const verb = VERB.exec(plain);
  if (!verb) return undefined;
  const before = terms(plain.slice(0, verb.index));
  const rest = plain.slice(verb.index + verb[0].length);
  const end = CLAUSE_END.exec(rest);
  const after = terms(end ? rest.slice(0, end.index) : rest);
  if (before.length === 0 || after.length === 0) return undefined;
  return WAITS.test(verb[1]!.replace(/\s+/g, " "))
    ? { subjects: before, refs: after, line }
    : { subjects: after, refs: before, line };
}

function terms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(TERM)) {
    if (m[1] !== undefined) out.push(m[2] !== undefined ? `T${m[1]}-T${m[2]}` : `T${m[1]}`);
    else if (m[3] !== undefined) out.push(`phase:${Number(m[3])}`);
    else if (m[4] !== undefined) out.push(`story:US${Number(m[4])}`);
  }
  return [...new Set(out)];
}
