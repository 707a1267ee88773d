import { splitList } from "./read-item-text.js";

/** What a line under a task says: requirement refs, dependencies, a `_Key: value_` field, or free text. */
export type Detail =
  | { kind: "requirements"; refs: string[] }
  | { kind: "depends"; refs: string[] }
  /** `open`: the field continues on the following deeper-indented lines (`_Prompt: |`, or no closing `_`). */
  | { kind: "field"; key: string; value: string; open: boolean }
  | { kind: "text"; text: string };

const REQ_KEY = /^(?:requirements?|requisitos?|requerimientos?|reqs?|要件|要求|需求|요구사항)$/i;
const DEP_KEY = /^(?:depends(?:\s+on)?|dependencies|depends-on|依存|依存関係|依赖|의존성?)$/i;

// Plain `Requirements: 1.2` (K9); the `_…_` and `**…**` forms are fields, read below by key.
const PLAIN_FIELD = /^([^:：*_]{1,30})[:：]\s*(.+)$/u;
// `**Validates: Requirements 1.1, 1.2**` (Kiro property-test tasks), also written without the bold.
const VALIDATES = /^(?:\*\*|_)?Validates\s*[:：]\s*(?:Requirements?\s*)?(.+?)\s*(?:\*\*|_)?$/i;
// `_Depends: 1.2, 2.3_` (cc-sdd) anywhere on the line; prose "depends on task 3" with id-like operands only.
const DEPENDS_FIELD = /_Depends?(?:\s+on)?\s*[:：]\s*([^_]+)_/i;
const DEPENDS_PROSE =
  /\bdepends on\s+(?:tasks?\s+)?((?:T\d{3,4}\w*|\d+(?:\.\d+)*)(?:\s*(?:,|and|&|[-–])\s*(?:tasks?\s+)?(?:T\d{3,4}\w*|\d+(?:\.\d+)*))*)(?![\w.])/i;
const UNDERSCORE_FIELD = /^_([^\s_:：][^_:：]{0,40}?)\s*[:：]\s*(.*)$/u;
const BOLD_FIELD = /^\*\*([^*:：]{1,40}?)(?:\*\*\s*[:：]|[:：]\*\*)\s*(.*)$/u;
const ID_TOKEN = /^(?:tasks?\s+)?([A-Za-z]{0,8}-?\d+(?:[.\-–][A-Za-z0-9]+)*)$/i;

/** Classify one detail line; `text` is the line without its indentation. */
export function readDetailLine(text: string): Detail {
  const line = text.replace(/^(?:[-*+]|\d+[.)])\s+/, "").trim();
  const validates = VALIDATES.exec(line);
  if (validates?.[1]) return { kind: "requirements", refs: splitList(validates[1]) };
  const depField = DEPENDS_FIELD.exec(line);
  if (depField?.[1]) return { kind: "depends", refs: idTokens(depField[1]) };

  const field = UNDERSCORE_FIELD.exec(line) ?? BOLD_FIELD.exec(line);
  if (field?.[1] !== undefined) {
    const key = field[1].trim();
    const isUnderscore = line.startsWith("_");
    const rawValue = (field[2] ?? "").trim();
    if (REQ_KEY.test(key)) return { kind: "requirements", refs: splitList(stripClosing(rawValue)) };
    if (DEP_KEY.test(key)) return { kind: "depends", refs: idTokens(stripClosing(rawValue)) };
    const closed = !isUnderscore || /_\s*(?:(?:✅|✔\uFE0F?)\s*)*$/u.test(rawValue);
    const value = stripClosing(rawValue);
    return { kind: "field", key, value, open: isUnderscore && (value === "|" || value === ">" || !closed) };
  }
  const plain = PLAIN_FIELD.exec(line);
  if (plain?.[1] && plain[2] && REQ_KEY.test(plain[1].trim()))
    return { kind: "requirements", refs: splitList(stripClosing(plain[2])) };
  const prose = DEPENDS_PROSE.exec(line);
  if (prose?.[1]) return { kind: "depends", refs: idTokens(prose[1]) };
  return { kind: "text", text: line };
}

function stripClosing(value: string): string {
  return value
    .replace(/\s*(?:(?:✅|✔\uFE0F?)\s*)+$/u, "")
    .replace(/_$/, "")
    .trim();
}

/** Keep the list entries that look like task ids (`3`, `1.2`, `T012`, `T012-T018`, `T-001`); drop prose. */
function idTokens(list: string): string[] {
  const out: string[] = [];
  for (const token of splitList(list.replace(/\([^)]*\)/g, ""))) {
    const m = ID_TOKEN.exec(token);
    if (m?.[1]) out.push(m[1]);
  }
  return out;
}
