import type { TaskItemState } from "./task-item.js";

/** A `[s]` state box found on a line, with the column of the state character for byte-exact write-back. */
export interface Checkbox {
  /** The character inside the brackets: one of ` xX-~`. */
  raw: string;
  /** 0-based index of that character in the line. */
  col: number;
  /** `*` (or `\\*`) written right after `]` (Kiro's optional marker). */
  optional: boolean;
  /** Text after the box (and after the `*`), leading spaces removed. */
  rest: string;
}

// Only these characters count as a state: `- [P] tasks = …` (Spec Kit legend) and `[移行済み]` are not boxes.
const STATE_CHARS = " xX\\-~";

/** `- [ ] …`, `* [x] …`, `1. [ ] …`; FORMATS §6.2 ITEM. */
// The optional star may come escaped (`- [ ]\* 1.3 …`) when a formatter has touched the file.
const ITEM = new RegExp(`^([ \\t]*)([-*+]|\\d{1,9}[.)])([ \\t]+)\\[([${STATE_CHARS}])\\]((?:\\\\)?\\*)?[ \\t]*(.*)$`);

/**
 * `**Status**: [ ] Pending`, `- **Status:** [x] done`, also after other fields on the line
 * (`**User Story**: US-001 | **Status**: [x] completed`): a box inside a bold field (heading tasks).
 */
const STATUS_FIELD = new RegExp(
  `^([ \\t]*(?:[-*+][ \\t]+)?(?:[^\\[\\]]*?\\|[ \\t]*)?)\\*\\*(Status|Estado|Statut|状態|ステータス|状态|상태)(?::\\*\\*|\\*\\*[ \\t]*:)[ \\t]*\\[([${STATE_CHARS}])\\](.*)$`,
  "i",
);

/** A list item with a box not at the start of its text (`- [移行済み] 13.3.3: …`), to warn about lost tasks. */
export const ODD_BOX = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([^\]\s][^\]]{0,15})\][ \t]*(.*)$/;

export interface ListCheckbox extends Checkbox {
  indent: number;
  /** Columns the bullet takes (`-` → 1, `12.` → 3); a nested item is indented at least bullet + 1 deeper. */
  bulletWidth: number;
}

/** Leading columns, counting a tab as reaching the next multiple of 4. */
export function measureIndent(prefix: string): number {
  let width = 0;
  for (const ch of prefix) width = ch === "\t" ? width + 4 - (width % 4) : width + 1;
  return width;
}

export function readListCheckbox(line: string): ListCheckbox | undefined {
  const m = ITEM.exec(line);
  if (!m) return undefined;
  const [, ind = "", bullet = "", gap = "", raw = " ", star = "", rest = ""] = m;
  return {
    raw,
    col: ind.length + bullet.length + gap.length + 1,
    optional: star !== "",
    rest,
    indent: measureIndent(ind),
    bulletWidth: bullet.length,
  };
}

export function readStatusField(line: string): Checkbox | undefined {
  const m = STATUS_FIELD.exec(line);
  if (!m) return undefined;
  const raw = m[3] ?? " ";
  const col = line.indexOf("[" + raw + "]", (m[1] ?? "").length) + 1;
  return { raw, col, optional: false, rest: (m[4] ?? "").trim() };
}

export function stateOf(raw: string): TaskItemState {
  switch (raw) {
    case "x":
    case "X":
      return "done";
    case "-":
      return "in_progress";
    case "~":
      return "partial";
    default:
      return "todo";
  }
}
