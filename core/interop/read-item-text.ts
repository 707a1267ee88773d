/**
 * Reads the text after a checkbox (or a task heading): id, markers, title and trailing status notes.
 * Regexes follow FORMATS.md §6.2; the comments name the corpus oddity each extra case comes from.
 */

export type IdStyle = "numeric" | "spec-kit" | "foreign";

export interface ItemText {
  id?: string;
  idStyle?: IdStyle;
  /** Spec Kit skip record `SKIP: T039 (…)`: the id the record stands for. */
  skipOf?: string;
  title: string;
  parallel: boolean;
  story?: string;
  /** The title says the task is optional (`Optional:`, `(optional)`, `（任意）`). */
  optional: boolean;
  /** A `*` glued to the id (`7.9*`): Kiro's optional marker in the wrong place. */
  starred?: boolean;
  /** Raw tokens of an inline `(depends on T012, T013-T015)`; ranges are expanded later against real ids. */
  dependsOn: string[];
  annotations: string[];
  /** The text after the id, before markers were taken out: what a wrapped title is re-read from. */
  afterId: string;
}

// `2.1`, `12.`, `Task 1.2:`, `**3.**`, `13.1.1:`, `10.2a` (inserted later; a–h only, so `1.5x faster` stays a
// title). A bare integer needs its dot (`4 cards …` is a title).
const NUMERIC_ID =
  /^(?:\*\*)?(?:(?:Task|Tarea|Tarefa|タスク)\s*(\d+(?:\.\d+)*)\.?|(\d+(?:\.\d+)+[a-h]?)\.?|(\d+)\.(?!\d))[:：]?(?:\*\*)?(\\?\*)?(?:\s+|$|(?=[([]))/i;
// `T001`, `T047a`, `T027A`, `T038-MIN`, `**T010**` (never 4 digits in the corpus; accepted anyway).
// A `*` glued to the id is Kiro's optional marker written after the id (`7.9* (P) Title`, `T012*`).
const SPEC_KIT_ID = /^(?:\*\*)?(T\d{3,4}(?:[A-Za-z](?![\w-])|-[A-Z]+)?)(?:\*\*)?[:：]?(\\?\*)?(?:\s+|$|(?=[([]))/;
// `**M01-T01** — …` (tasker), `SEC-004: …`, `P13-PREP-001: …` (cc-sdd foreign ids): an upper-case token with a digit.
const FOREIGN_ID =
  /^(?:\*\*([A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+)\*\*[:：]?|([A-Z][A-Z0-9]*(?:[-_][A-Z0-9]+)+)[:：])(?:\s+|$)/;
const SKIP_RECORD =
  /^(?:\*\*)?SKIP(?:PED)?(?:\*\*)?\s*[:：]\s*(?:\*\*)?(T\d{3,4}(?:[A-Za-z]|-[A-Z]+)?)(?:\*\*)?\s*(.*)$/i;

const PARALLEL = /(?:^|\s)(?:\[P\]|\(P\))(?=\s|$)/;
const STORY = /(?:^|\s)\[(US\d+(?:\s*[/,&]\s*(?:US)?\d+)*)\](?=\s|$)/;
const INLINE_DEPS = /\((?:depends on|after)\s+(T\d{3,4}[^)]*)\)/i;
const OPTIONAL_TEXT = /^optional\s*[:：-]|\((?:optional|opcional|facultatif)\)|[（(]任意[)）]|[（(]可选[)）]/i;

// A trailing parenthetical is a status note when it opens with an emoji or a status word, or holds a CJK status word.
const STATUS_PAREN =
  /^\s*(?:✅|✔|☑|⏳|🔄|🚧|❌|⏸|→|(?:done|completed?|deferred|skipped|n\/a|wip|blocked|postponed|pending|in progress|cancell?ed|moved)\b)|完了|完遂|延期|移行|合格|済み/i;
// One level of nesting is allowed: `（✅ 完了、16件warning（脆弱性0件））`.
const TRAILING_PAREN = /\s*[（(]((?:[^()（）]|[（(][^()（）]*[)）])*)[)）]\s*$/;
const TRAILING_EMOJI = /\s+((?:✅|✔️?|☑️?|⏳|🔄|🚧|❌|⏸️?)(?:\s.*|\S*)?)$/u;
const TRAILING_MOVE =
  /\s+(→\s*(?:Phase\s*\d+.*|\*\*.*\*\*.*|[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+.*|.*(?:spec|移行|で管理|moved|migrated).*))$/i;
const TRAILING_BANNER =
  /\s+[—–]\s+((?:CONFIRMED|DONE|COMPLETED?|DEFERRED|SKIPPED|BLOCKED|OPEN|WIP|PARTIAL|CANCELL?ED|MOVED)\b[^—–]*)$/;
const LEADING_SEPARATOR = /^(?:[—–]|-(?=\s)|[:：])\s*/;

/** `options.id: false` when the id was already taken (heading tasks): a leading number is then part of the title. */
export function readItemText(rest: string, options: { id?: boolean } = {}): ItemText {
  const out: ItemText = { title: "", parallel: false, optional: false, dependsOn: [], annotations: [], afterId: "" };
  let text = rest.trim();

  const skip = SKIP_RECORD.exec(text);
  if (skip) {
    out.skipOf = skip[1];
    text = (skip[2] ?? "").replace(/^\((.*?)\)\s*(?:[-—–:]\s*)?/, "$1 — ").replace(/\s+—\s+$/, "");
  } else if (options.id !== false) {
    text = takeId(text, out);
  }

  out.afterId = text;
  if (PARALLEL.test(text)) {
    out.parallel = true;
    text = text.replace(new RegExp(PARALLEL.source, "g"), " ");
  }
  const story = STORY.exec(text);
  if (story?.[1]) {
    out.story = story[1].replace(/\s+/g, "");
    text = text.replace(STORY, " ");
  }
  const deps = INLINE_DEPS.exec(text);
  if (deps?.[1]) {
    out.dependsOn = splitList(deps[1]);
    text = text.replace(INLINE_DEPS, "");
  }
  text = text.replace(/\s+/g, " ").trim().replace(LEADING_SEPARATOR, "");
  text = takeAnnotations(text, out.annotations);
  out.optional = out.starred === true || OPTIONAL_TEXT.test(text);
  out.title = unwrapBold(text);
  return out;
}

function takeId(text: string, out: ItemText): string {
  const kit = SPEC_KIT_ID.exec(text);
  if (kit?.[1]) return setId(out, kit[1], "spec-kit", text.slice(kit[0].length), kit[2]);
  const num = NUMERIC_ID.exec(text);
  const id = num?.[1] ?? num?.[2] ?? num?.[3];
  if (num && id) return setId(out, id, "numeric", text.slice(num[0].length), num[4]);
  const foreign = FOREIGN_ID.exec(text);
  const fid = foreign?.[1] ?? foreign?.[2];
  if (foreign && fid && /\d/.test(fid)) return setId(out, fid, "foreign", text.slice(foreign[0].length));
  return text;
}

function setId(out: ItemText, id: string, style: IdStyle, rest: string, star?: string): string {
  out.id = id;
  if (star) out.starred = true;
  out.idStyle = style;
  return rest;
}

/** Peel trailing status notes off the title, last first, and keep them in document order. */
function takeAnnotations(title: string, into: string[]): string {
  let text = title;
  const found: string[] = [];
  for (let guard = 0; guard < 8; guard++) {
    const paren = TRAILING_PAREN.exec(text);
    const match =
      (paren?.[1] !== undefined && STATUS_PAREN.test(paren[1]) ? paren : null) ??
      TRAILING_EMOJI.exec(text) ??
      TRAILING_MOVE.exec(text) ??
      TRAILING_BANNER.exec(text);
    if (!match || match.index === 0) break;
    found.unshift((match[1] ?? "").trim());
    text = text.slice(0, match.index).trimEnd();
  }
  into.push(...found.filter((a) => a !== ""));
  return text;
}

function unwrapBold(text: string): string {
  const m = /^\*\*([^*]+)\*\*$/.exec(text);
  return m?.[1] ? m[1].trim() : text;
}

/** Split `a, b and c` / `a、b` lists into trimmed tokens without markdown emphasis or status emoji. */
export function splitList(list: string): string[] {
  return list
    .split(/\s*(?:,|、|;|\band\b)\s*/)
    .map((t) =>
      t
        .replace(/✅|✔\uFE0F?|☑\uFE0F?/gu, "")
        .replace(/^[\s_*`]+|[\s_*`.]+$/g, "")
        .trim(),
    )
    .filter((t) => t !== "");
}
