import type { PathSegment } from "./locate.js";
import { FALLBACK, isPlainKey, readLineValue, setEntry, type NumberTexts } from "./read-yaml-inline.js";

/**
 * The plain data of a plan written in the everyday subset of YAML, read without building the yaml
 * library's document (which keeps every node with its position and costs about as much as the rest
 * of a plan's checks together): block mappings with identifier keys, block lists, one-line plain and
 * quoted scalars, one-line flow lists and mappings, literal (`|`) and plain folded (`>`) block
 * scalars, comments. Returns undefined for anything else (tabs, anchors, tags, several documents,
 * multi-line plain or quoted scalars, duplicate keys, an indentation it does not expect…): the
 * caller then reads the file with the yaml library, which reports problems at their line. What it
 * returns is what `parseDocument(text).toJS()` returns (test/core/plan/read-plain-yaml.test.ts).
 */
export interface PlainYaml {
  value: Record<string, unknown>;
  /** The source text of the plain scalar at `path` when it became a number or boolean (restoreIdText, hints). */
  numberText(path: readonly PathSegment[]): string | undefined;
}

/** Characters outside YAML's printable set, line breaks other than `\n`, tabs, a byte order mark, lone surrogates. */
const UNUSUAL = /[^\n\x20-\x7E\u{A0}-\u{2027}\u{202A}-\u{D7FF}\u{E000}-\u{FEFE}\u{FF00}-\u{FFFD}\u{10000}-\u{10FFFF}]/u;

export function readPlainYaml(text: string): PlainYaml | undefined {
  if (UNUSUAL.test(text)) return undefined;
  const texts = new Map<object, Map<PathSegment, string>>();
  const numbers: NumberTexts = (container, key, source) => {
    const byKey = texts.get(container) ?? texts.set(container, new Map()).get(container)!;
    byKey.set(key, source);
  };
  const reader = new BlockReader(text.split("\n"), numbers);
  const value = reader.document();
  if (value === undefined) return undefined;
  return {
    value,
    numberText(path) {
      let container: unknown = value;
      for (const segment of path.slice(0, -1)) {
        if (container === null || typeof container !== "object") return undefined;
        container = (container as Record<PathSegment, unknown>)[segment];
      }
      if (container === null || typeof container !== "object") return undefined;
      return texts.get(container)?.get(path.at(-1)!);
    },
  };
}

/** Thrown (and caught in `document`) where the subset ends. */
class Unsupported extends Error {}

class BlockReader {
  private at = 0;

  constructor(
    private readonly lines: string[],
    private readonly numbers: NumberTexts,
  ) {}

  /** The root mapping, or undefined outside the subset. */
  document(): Record<string, unknown> | undefined {
    try {
      const start = this.next();
      if (start === undefined || indentOf(this.lines[start]!) !== 0) return undefined;
      const map = this.mapping(0, this.lines[start]!);
      return this.next() === undefined ? map : undefined;
    } catch (error) {
      if (error instanceof Unsupported) return undefined;
      throw error;
    }
  }

  /** Index of the next line with content (not blank, not a comment), moving `at` there; undefined at the end. */
  private next(): number | undefined {
    for (; this.at < this.lines.length; this.at++) {
      const line = this.lines[this.at]!;
      const indent = indentOf(line);
      if (indent < line.length && line[indent] !== "#") return this.at;
    }
    return undefined;
  }

  /** The indentation of the next content line, or -1 at the end. */
  private nextIndent(): number {
    const i = this.next();
    return i === undefined ? -1 : indentOf(this.lines[i]!);
  }

  /**
   * A block mapping whose keys sit at column `indent`; its first entry is `first` (the line's text
   * from that column on: the rest of a `- ` line for a mapping inside a list item).
   */
  private mapping(indent: number, first: string): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    let content = first.slice(indent);
    for (;;) {
      const colon = content.indexOf(":");
      const key = content.slice(0, colon);
      const after = content[colon + 1];
      if (colon <= 0 || (after !== undefined && after !== " ") || !isPlainKey(key)) throw new Unsupported();
      const rest = content.slice(colon + 1).trim();
      this.at++;
      const value = rest === "" || rest[0] === "#" ? this.nested(indent, true) : this.inline(rest, map, key, indent);
      if (!setEntry(map, key, value)) throw new Unsupported();
      const next = this.nextIndent();
      if (next < indent) return map;
      if (next > indent) throw new Unsupported();
      content = this.lines[this.at]!.slice(indent);
    }
  }

  /** A block list whose `-` sit at column `indent`. */
  private list(indent: number): unknown[] {
    const list: unknown[] = [];
    for (;;) {
      const line = this.lines[this.at]!;
      const rest = line.slice(indent + 1);
      const item = rest.trimStart();
      let value: unknown;
      if (item === "" || item[0] === "#") {
        this.at++;
        value = this.nested(indent, false);
      } else if (rest[0] !== " " || item.startsWith("- ") || item === "-") {
        throw new Unsupported(); // `-x` is no item; a list directly inside an item is left to the library
      } else if (/^[A-Za-z_][A-Za-z0-9_-]*:(?: |$)/.test(item)) {
        value = this.mapping(line.length - item.length, line);
      } else {
        this.at++;
        value = this.inline(item, list, list.length, indent);
      }
      list.push(value);
      const next = this.nextIndent();
      if (next < indent || (next === indent && !isItem(this.lines[this.at]!, indent))) return list;
      if (next > indent) throw new Unsupported();
    }
  }

  /** The value under a `key:` or `-` with nothing after it on its line. */
  private nested(indent: number, inMapping: boolean): unknown {
    const next = this.nextIndent();
    if (next > indent) return this.block(next);
    // A list may sit at its key's own column (`tasks:` then `- id: T1`).
    if (inMapping && next === indent && isItem(this.lines[this.at]!, indent)) return this.list(indent);
    return null;
  }

  /** A mapping or a list starting on the current line, at column `indent`. */
  private block(indent: number): unknown {
    const line = this.lines[this.at]!;
    if (isItem(line, indent)) return this.list(indent);
    return this.mapping(indent, line);
  }

  /** A value on the same line as its key or `-`; `indent` is the column of the mapping or list it is in. */
  private inline(rest: string, container: object, key: string | number, indent: number): unknown {
    if (rest[0] === "|" || rest[0] === ">") return this.blockScalar(rest, indent);
    const value = readLineValue(rest, container, key, this.numbers);
    if (value === FALLBACK) throw new Unsupported();
    return value;
  }

  /**
   * A literal (`|`, `|-`) or folded (`>`, `>-`) block scalar whose header is `header`; its lines
   * follow. Only the plain cases: no indentation indicator, no keep (`+`), no blank line first, no
   * line of spaces, and in a folded scalar no line indented more than the first.
   */
  private blockScalar(header: string, indent: number): string {
    const match = /^([|>])(-?)(?: +#.*)?$/.exec(header);
    if (!match) throw new Unsupported();
    const [, style, chomp] = match;
    const lines = this.lines;
    const start = this.at; // the line after the header
    const first = lines[start];
    if (first === undefined || first === "") throw new Unsupported();
    const column = indentOf(first);
    if (column <= indent || column === first.length) throw new Unsupported();
    let end = start;
    const content: string[] = [];
    for (; end < lines.length; end++) {
      const line = lines[end]!;
      if (line === "") {
        content.push("");
        continue;
      }
      const own = indentOf(line);
      if (own === line.length) throw new Unsupported();
      if (own < column) break;
      // Folding keeps a more indented line's break and a line's trailing spaces: left to the library.
      if (style === ">" && (own > column || line.endsWith(" "))) throw new Unsupported();
      content.push(line.slice(column));
    }
    this.at = end;
    while (content.at(-1) === "") content.pop();
    const body = style === "|" ? content.join("\n") : fold(content);
    return chomp === "-" ? body : `${body}\n`;
  }
}

/** Folded lines: a single line break becomes a space; each blank line between two lines is one `\n`. */
function fold(lines: string[]): string {
  let out = lines[0]!;
  let blank = 0;
  for (const line of lines.slice(1)) {
    if (line === "") {
      blank++;
      continue;
    }
    out += blank === 0 ? ` ${line}` : "\n".repeat(blank) + line;
    blank = 0;
  }
  return out;
}

function indentOf(line: string): number {
  let i = 0;
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}

/** A `- ` (or bare `-`) list item at column `indent`. */
function isItem(line: string, indent: number): boolean {
  return line[indent] === "-" && (line.length === indent + 1 || line[indent + 1] === " ");
}
