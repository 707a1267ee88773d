import { scanFences } from "./scan-fences.js";

/** One line of a markdown body, as a reader of GitHub's rendering sees it. */
export interface VisibleLine {
  /** The line; characters a reader does not see as paragraph text are `HIDDEN` (same length). */
  text: string;
  /** Part of a visible paragraph: not code, a quote, raw HTML, a heading, a table or inside `<details>`. */
  paragraph: boolean;
}

/** Stands in for a character the rendered paragraph does not show (a comment, a code span, a tag). */
export const HIDDEN = "\u0000";

const BLANK = /^[ \t]*$/;
const QUOTE = /^ {0,3}>/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const THEMATIC = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const INDENTED = /^(?: {4}|[ \t]{0,3}\t)/;
/** CommonMark 4.6 HTML block starts 1–5, with the text that ends each. */
const HTML_UNTIL: [RegExp, RegExp][] = [
  [/^ {0,3}<(?:script|pre|style|textarea)(?:[\s>]|$)/i, /<\/(?:script|pre|style|textarea)>/i],
  [/^ {0,3}<!--/, /-->/],
  [/^ {0,3}<\?/, /\?>/],
  [/^ {0,3}<![A-Za-z]/, />/],
  [/^ {0,3}<!\[CDATA\[/, /\]\]>/],
];
// Start 6: a block-level tag name (details and summary among them); it ends at a blank line.
const HTML_BLOCK_TAG =
  /^ {0,3}<\/?(?:address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul)(?:[\s>]|\/>|$)/i;
// Start 7: a lone complete open or close tag; it cannot interrupt a paragraph.
const HTML_LONE_TAG = /^ {0,3}(?:<[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>|<\/[A-Za-z][A-Za-z0-9-]*\s*>)[ \t]*$/;
const DETAILS = /<(\/?)details(?=[\s>/])[^<>]*>/gi;

/**
 * Read `body` the way GitHub renders it (CommonMark + GFM, https://spec.commonmark.org/0.31.2/):
 * which lines are visible paragraph text, and within them which characters. Code (fenced or
 * indented), quotes with their lazy continuation lines, HTML blocks, headings, tables and everything
 * inside `<details>` are not; inside paragraphs code spans, HTML comments, tags, and the content of
 * `<pre>`, `<script>`, `<style>` and `<textarea>` are hidden. Commands and pull request links count
 * only where a reader sees them, so nothing can be slipped past the person who reads the comment.
 */
export function readVisibleLines(body: string): VisibleLine[] {
  const fenced = scanFences(body);
  const out: VisibleLine[] = fenced.map((l) => ({ text: l.text, paragraph: false }));
  let html: RegExp | "blank" | undefined;
  let quote = false;
  let table = false;
  let run: number[] = [];
  let details = 0;
  const close = () => {
    maskInline(out, run);
    run = [];
  };
  fenced.forEach((line, i) => {
    const text = line.text;
    if (line.fenced) return void ((quote = table = false), close());
    const depth = details;
    for (const m of text.matchAll(DETAILS)) details = Math.max(0, details + (m[1] ? -1 : 1));
    const inDetails = depth > 0 || details !== depth;
    if (html) {
      if (html === "blank" ? BLANK.test(text) : html.test(text)) html = undefined;
      return;
    }
    if (BLANK.test(text)) return void ((quote = table = false), close());
    if (table) return;
    const inPara = run.length > 0;
    const until = HTML_UNTIL.find(([start]) => start.test(text));
    if (until || HTML_BLOCK_TAG.test(text) || (!inPara && HTML_LONE_TAG.test(text))) {
      close();
      quote = false;
      html = until ? (until[1].test(text.replace(until[0], "")) ? undefined : until[1]) : "blank";
      return;
    }
    if (QUOTE.test(text)) return void (close(), (quote = true));
    if (quote) return;
    if (!inPara && INDENTED.test(text)) return;
    if (HEADING.test(text)) return close();
    if (inPara && SETEXT.test(text)) {
      for (const k of run) out[k]!.paragraph = false;
      return void (run = []);
    }
    if (inPara && TABLE_DELIMITER.test(text) && out[run.at(-1)!]!.text.includes("|")) {
      out[run.at(-1)!]!.paragraph = false;
      run.pop();
      close();
      table = true;
      return;
    }
    if (THEMATIC.test(text)) return close();
    if (inDetails) return close();
    out[i]!.paragraph = true;
    run.push(i);
  });
  close();
  for (const l of out) if (!l.paragraph) l.text = HIDDEN.repeat(l.text.length);
  return out;
}

const HIDING_ELEMENT = /<(pre|script|style|textarea|details)(?=[\s>/])[^<>]*>/iy;
const TAG = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/y;

/** Hide what a paragraph (lines `run`, read as one text) does not show as text. Linear in its length. */
function maskInline(out: VisibleLine[], run: number[]): void {
  if (run.length === 0) return;
  const text = run.map((i) => out[i]!.text).join("\n");
  const mask = new Array<boolean>(text.length).fill(false);
  const ticks = backtickRuns(text);
  let noCommentEnd = false;
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    let end = i;
    if (c === "\\" && /[!-/:-@[-`{-~]/.test(text[i + 1] ?? "")) {
      i += 2;
      continue;
    }
    if (c === "`") {
      const size = ticks.sizeAt.get(i)!;
      const closing = ticks.next(size, i + size);
      if (closing === -1) {
        i += size;
        continue;
      }
      end = closing + size;
    } else if (c === "<" && text.startsWith("<!--", i)) {
      const close: number = noCommentEnd ? -1 : text.indexOf("-->", i + 4);
      noCommentEnd = close === -1;
      end = close === -1 ? i : close + 3;
    } else if (c === "<") {
      HIDING_ELEMENT.lastIndex = TAG.lastIndex = i;
      const element = HIDING_ELEMENT.exec(text);
      if (element) {
        const closing = new RegExp(`</${element[1]}\\s*>`, "gi");
        closing.lastIndex = i;
        const m = closing.exec(text);
        // Unclosed, GitHub's sanitiser still wraps the rest of the paragraph in it.
        end = m ? m.index + m[0].length : text.length;
      } else if (TAG.exec(text)) end = TAG.lastIndex;
    }
    if (end > i) mask.fill(true, i, (i = end));
    else i += 1;
  }
  let offset = 0;
  for (const index of run) {
    const line = out[index]!.text;
    let masked = "";
    for (let k = 0; k < line.length; k++) masked += mask[offset + k] ? HIDDEN : line[k];
    out[index]!.text = masked;
    offset += line.length + 1;
  }
}

/** Every run of backticks by where it starts, and the next run of a given size after a position. */
function backtickRuns(text: string) {
  const sizeAt = new Map<number, number>();
  const bySize = new Map<number, number[]>();
  for (const m of text.matchAll(/`+/g)) {
    sizeAt.set(m.index, m[0].length);
    const list = bySize.get(m[0].length) ?? [];
    list.push(m.index);
    bySize.set(m[0].length, list);
  }
  const cursor = new Map<number, number>();
  return {
    sizeAt,
    next(size: number, from: number): number {
      const list = bySize.get(size) ?? [];
      let k = cursor.get(size) ?? 0;
      while (k < list.length && list[k]! < from) k++;
      cursor.set(size, k);
      return list[k] ?? -1;
    },
  };
}
