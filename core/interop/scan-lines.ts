import { measureIndent, readListCheckbox, readStatusField, type Checkbox } from "./checkbox-syntax.js";

interface LineBase {
  /** 1-based line number. */
  n: number;
  /** The line without its line ending. */
  text: string;
}

/**
 * One classified line. `hidden` lines are inside a fenced code block, YAML front matter or an HTML
 * comment: example task lines live there (Spec Kit "Parallel Example", cc-sdd templates) and must not count.
 */
export type ScannedLine =
  | (LineBase & { kind: "blank" })
  | (LineBase & { kind: "hidden"; why: HiddenReason })
  | (LineBase & { kind: "heading"; level: number; title: string; box?: Checkbox })
  | (LineBase & { kind: "checkbox"; indent: number; bulletWidth: number; box: Checkbox })
  | (LineBase & { kind: "status"; indent: number; box: Checkbox })
  | (LineBase & { kind: "text"; indent: number });

export interface ScanResult {
  lines: ScannedLine[];
  eol: "\n" | "\r\n";
  /** Line where a fence opened and never closed, if any (everything after it is hidden). */
  unclosedFence?: number;
}

const FENCE = /^[ \t]*(`{3,}|~{3,})/;
const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t]*$/;
/** Front matter must close within this many lines; a line's visibility never depends on lines past it. */
export const FRONT_MATTER_MAX = 60;

export type HiddenReason = "fence" | "front-matter" | "comment";

/** Split `text` into classified lines. Pure and total: any string scans. */
export function scanLines(text: string): ScanResult {
  const { bodies, eol } = splitLines(text);
  const { hidden, unclosedFence } = markHidden(bodies, bodies.length);
  const lines = bodies.map((body, i): ScannedLine => {
    const why = hidden[i];
    return why ? { n: i + 1, text: body, kind: "hidden", why } : classifyLine(i + 1, body);
  });
  return unclosedFence === undefined ? { lines, eol } : { lines, eol, unclosedFence };
}

/** Lines without their endings (one `\r` before `\n` dropped), and the dominant line ending. */
export function splitLines(text: string): { bodies: string[]; eol: "\n" | "\r\n" } {
  const raw = text.split("\n");
  let crlf = 0;
  const bodies = raw.map((l, i) => {
    if (l.endsWith("\r") && i < raw.length - 1) {
      crlf++;
      return l.slice(0, -1);
    }
    return l;
  });
  return { bodies, eol: crlf * 2 > Math.max(1, raw.length - 1) ? "\r\n" : "\n" };
}

/**
 * Why each of the first `upTo` lines is hidden (fence, front matter, HTML comment), or undefined.
 * Only earlier lines decide a line's visibility, so callers interested in one line stop there.
 */
export function markHidden(
  bodies: string[],
  upTo: number,
): { hidden: (HiddenReason | undefined)[]; unclosedFence?: number } {
  const frontMatterEnd = findFrontMatterEnd(bodies);
  const hidden: (HiddenReason | undefined)[] = [];
  let fence: { char: string; size: number; line: number; depth: number } | undefined;
  let inComment = false;
  for (let i = 0; i < Math.min(upTo, bodies.length); i++) {
    const body = bodies[i] ?? "";
    if (i <= frontMatterEnd) {
      hidden.push("front-matter");
    } else if (fence) {
      const mark = FENCE.exec(body)?.[1];
      if (mark && mark[0] === fence.char && mark.length >= fence.size) {
        // CommonMark would close on the first bare fence, but generated specs nest fences (a ```markdown
        // example holding a ```ts block); count an opening fence with an info string as one level deeper.
        if (body.trim() !== mark) fence.depth++;
        else if (fence.depth > 0) fence.depth--;
        else fence = undefined;
      }
      hidden.push("fence");
    } else if (inComment || body.trimStart().startsWith("<!--")) {
      inComment = !body.includes("-->", inComment ? 0 : body.indexOf("<!--") + 4);
      hidden.push("comment");
    } else {
      const open = FENCE.exec(body)?.[1];
      if (open) fence = { char: open[0] ?? "`", size: open.length, line: i + 1, depth: 0 };
      hidden.push(open ? "fence" : undefined);
    }
  }
  return fence ? { hidden, unclosedFence: fence.line } : { hidden };
}

/** Classify a visible line: blank, heading (maybe with a box), checkbox item, `**Status**: [ ]` field, or text. */
export function classifyLine(n: number, text: string): ScannedLine {
  if (text.trim() === "") return { n, text, kind: "blank" };
  const heading = HEADING.exec(text);
  if (heading) {
    const level = (heading[1] ?? "#").length;
    const title = heading[2] ?? "";
    const inner = readListCheckbox(title);
    if (!inner) return { n, text, kind: "heading", level, title };
    // `### - [x] 1. Title`: the box sits after the heading marks; shift its column to the whole line.
    const offset = text.indexOf(title);
    return { n, text, kind: "heading", level, title, box: { ...inner, col: inner.col + offset } };
  }
  const item = readListCheckbox(text);
  if (item) return { n, text, kind: "checkbox", indent: item.indent, bulletWidth: item.bulletWidth, box: item };
  const indent = measureIndent(/^[ \t]*/.exec(text)?.[0] ?? "");
  const status = readStatusField(text);
  if (status) return { n, text, kind: "status", indent, box: status };
  return { n, text, kind: "text", indent };
}

/** Index of the closing `---` of YAML front matter that opens the file, or -1. */
function findFrontMatterEnd(lines: string[]): number {
  if (lines[0]?.trimEnd() !== "---") return -1;
  const limit = Math.min(lines.length, FRONT_MATTER_MAX);
  for (let i = 1; i < limit; i++) {
    const l = (lines[i] ?? "").trimEnd();
    if (l === "---" || l === "...") return i;
    // A `---` rule followed by markdown is not front matter: front matter lines are `key: value` or YAML.
    if (l.startsWith("#") && !l.startsWith("# ")) continue;
    if (/^(?:#{1,6} |- \[)/.test(l)) return -1;
  }
  return -1;
}
