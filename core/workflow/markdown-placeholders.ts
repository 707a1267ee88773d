import { markHidden, splitLines } from "../interop/scan-lines.js";

export interface PlaceholderHit {
  /** 1-based. */
  line: number;
  /** The text that matched, e.g. `TODO`, `[NEEDS CLARIFICATION: auth method?]`, `[FEATURE NAME]`. */
  text: string;
}

/**
 * Markers that say "not written yet", tuned on the corpus (see docs/interop.md for what each one found):
 * - `TODO` only where it reads as a marker (`TODO:`, `(TODO)`, a line starting with it): Spanish specs
 *   write "Gestionar TODO el estado", checklists say "Remove TODO comments", prose says "left as a TODO:";
 * - `TBD`, `FIXME` anywhere;
 * - Spec Kit's `[NEEDS CLARIFICATION…]`, except the template's own check "No [NEEDS CLARIFICATION] markers remain";
 * - template slots: `[FEATURE NAME]`, `[FEATURE]`, `[DATE]`, `[link]`, `[###-feature-name]`, `[e.g., …]`,
 *   `[UPPER_SNAKE]` (constitution and plan templates), `{{NUMBER}}` (cc-sdd), `<placeholder>`;
 *   but not other upper-case brackets, which real specs use for status (`[DEFERRED TO PHASE 2]`, `[COMPLETED]`);
 * - Kiro's `_Requirements: X.Y_` left unfilled (K9).
 * Code fences, inline code and HTML comments are skipped: specs quote `// TODO` in code, and templates
 * keep their instructions in comments.
 */
const RULES: RegExp[] = [
  /(?<!\b(?:a|an|the|any|no)\s)\bTODO\b(?=\s*(?:[:：)\]—–]|-\s|$))|(?<=^\s*(?:[-*+]\s+)?)TODO\b/g,
  /\b(?:TBD|FIXME)\b/g,
  /\[NEEDS CLARIFICATION(?![\]\s]*\]?\s*markers?\b)[^\]]*\]?/gi,
  /\[(?:FEATURE(?: NAME)?|PROJECT(?: NAME)?|DATE|link|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)\](?![([:])/g,
  /\[#{2,}[^\]]*\]/g,
  /\[e\.g\.,[^\]]*\]/gi,
  /\{\{\s*[A-Za-z_][\w.]*\s*\}\}/g,
  /<(?:placeholder|your[-_ ][\w -]+|insert[-_ ][\w -]+|fill[-_ ]in[\w -]*)>/gi,
  /(?:Requirements?|Requisitos?|Validates)\s*:\s*(?:Requirements?\s*)?X\.Y(?![A-Za-z0-9])/g,
];

/** Cheap pre-filter: a line without any of these cannot match a rule (most lines of a spec). */
const CANDIDATE = /TODO|TBD|FIXME|\[|\{\{|<|X\.Y/;

export function findPlaceholders(text: string): PlaceholderHit[] {
  const hits: PlaceholderHit[] = [];
  const { bodies } = splitLines(text);
  const { hidden } = markHidden(bodies, bodies.length);
  bodies.forEach((body, i) => {
    if (hidden[i] || !CANDIDATE.test(body)) return;
    const prose = body.replace(/(`+)[^`]*?\1/g, (m) => " ".repeat(m.length)).replace(/<!--.*?-->/g, "");
    const seen = new Set<number>();
    for (const rule of RULES) {
      for (const m of prose.matchAll(rule)) {
        if (seen.has(m.index)) continue;
        seen.add(m.index);
        hits.push({ line: i + 1, text: m[0].trim() });
      }
    }
  });
  return hits.sort((a, b) => a.line - b.line);
}
