/**
 * A list of objects (a plan's tasks, a state's task states) stored so that a reader can parse only the
 * rows it uses: a line with the rest of the value (the head), a line with each row's length and a few
 * `eager` fields, then one JSON line per row. A command that touches a few tasks of a large plan (`claim`) parses
 * the header and the rows it reads instead of megabytes of JSON (ADR 32), and reads from the file only
 * the bytes of those (ADR 41: parseRowsFrom).
 *
 * A lazy row is a proxy over its eager fields: reading any other field, listing its keys, or
 * changing it parses its line first, so it behaves as the plain object it stands for. Rendering a
 * row nobody parsed writes its line back as it was read.
 */

/**
 * A text renderRows wrote, read in parts: its first two lines, then a row's bytes when the row is
 * first used (ADR 41). Offsets and lengths count bytes from the first row, which are its characters
 * too: renderRows writes ASCII only.
 */
export interface RowsSource {
  /** The head's line and the index's line, without their line ends. */
  head: string;
  index: string;
  /** Bytes after the index's line end: the rows' lines, each with its line end. */
  size: number;
  /** `length` bytes at `offset` (from the first row) as text; fewer when the source ends before. */
  read(offset: number, length: number): string;
  /** Nothing more will be read: every row was, or the source was refused. */
  close?(): void;
}

/** The rows of one source not read yet (a source is closed when none is left). */
interface Unread {
  source: RowsSource;
  left: number;
}

/** Where a lazy row's line is, until it is parsed (keyed by the proxy's target). */
interface Place {
  unread: Unread;
  at: number;
  length: number;
  line?: string;
}

const pending = new WeakMap<object, Place>();
/** The target of each lazy row (keyed by the proxy handed out). */
const targets = new WeakMap<object, Record<string, unknown>>();

export interface ParsedRows {
  head: unknown;
  rows: object[];
}

/**
 * `head` (the value without its rows) and `rows` as text: the head's line; a line with, per row, its
 * line's length and its `eager` fields; then each row's JSON on its own line. Every character past
 * ASCII is written as a `\uXXXX` escape, so a line's length is its length in bytes.
 */
export function renderRows(head: unknown, rows: readonly object[], eager: readonly string[]): string {
  const index: [number, Record<string, unknown>][] = [];
  let body = "";
  for (const row of rows) {
    const target = targets.get(row);
    const place = target && pending.get(target);
    const line = place ? lineAt(place) : escapeNonAscii(JSON.stringify(row));
    const fields: Record<string, unknown> = {};
    for (const key of eager) {
      const value = (row as Record<string, unknown>)[key];
      if (value !== undefined) fields[key] = value;
    }
    index.push([line.length, fields]);
    body += line + "\n";
  }
  return `${escapeNonAscii(JSON.stringify(head))}\n${escapeNonAscii(JSON.stringify(index))}\n${body}`;
}

/** The head of a text renderRows wrote, from its first line (the rest need not be read); undefined if none. */
export function parseRowsHead(firstLine: string): unknown {
  const end = firstLine.indexOf("\n");
  return parseJson(end < 0 ? firstLine : firstLine.slice(0, end));
}

/**
 * The head and rows of a text renderRows wrote; undefined when it is not one (another format, cut
 * short, lines of other lengths). `lazy`: rows are proxies that parse their line when first used;
 * otherwise every row is parsed now.
 */
export function parseRows(text: string, lazy: boolean): ParsedRows | undefined {
  const first = text.indexOf("\n");
  const end = first < 0 ? -1 : text.indexOf("\n", first + 1);
  if (end < 0) return undefined;
  const body = text.slice(end + 1);
  const source = { head: text.slice(0, first), index: text.slice(first + 1, end), size: body.length };
  return parseRowsFrom({ ...source, read: (offset, length) => body.slice(offset, offset + length) }, lazy);
}

/**
 * parseRows over a source read in parts: the index's lengths must add up to the source's size
 * (a cut or lengthened file is refused as a whole). `lazy`: a row's bytes are read, checked and
 * parsed when the row is first used, and a damaged one then throws; otherwise every row is read now
 * and one that does not parse refuses the source. The source is closed once nothing more is read.
 */
export function parseRowsFrom(source: RowsSource, lazy: boolean): ParsedRows | undefined {
  const places = placeRows(source);
  const head = places && parseJson(source.head);
  if (!places || head === undefined) return refuse(source);
  const unread: Unread = { source, left: places.length };
  const rows: object[] = [];
  for (const [eager, at, length] of places) {
    const place: Place = { unread, at, length };
    const row = lazy ? lazyRow(eager, place) : parseJson(readLine(place) ?? "");
    if (!isRecord(row)) return refuse(source);
    rows.push(row);
  }
  if (!lazy || places.length === 0) source.close?.();
  return { head, rows };
}

/** Each row's eager fields, offset and length from the index; undefined unless they fill the source exactly. */
function placeRows(source: RowsSource): [Record<string, unknown>, number, number][] | undefined {
  const index = parseJson(source.index);
  if (!Array.isArray(index)) return undefined;
  const places: [Record<string, unknown>, number, number][] = [];
  let at = 0;
  for (const entry of index as unknown[]) {
    if (!Array.isArray(entry) || !Number.isSafeInteger(entry[0]) || entry[0] < 0 || !isRecord(entry[1]))
      return undefined;
    places.push([entry[1], at, entry[0] as number]);
    at += (entry[0] as number) + 1;
  }
  return at === source.size ? places : undefined;
}

function refuse(source: RowsSource): undefined {
  source.close?.();
  return undefined;
}

/** A row's line as stored, read once; undefined when it does not end where the index says. */
function readLine(place: Place): string | undefined {
  if (place.line !== undefined) return place.line;
  const text = place.unread.source.read(place.at, place.length + 1);
  if (text.length !== place.length + 1 || text.charCodeAt(place.length) !== 10) return undefined;
  place.line = text.slice(0, place.length);
  return place.line;
}

/** readLine, or a clear error (a lazy row is read where it is used, and cannot fall back). */
function lineAt(place: Place): string {
  const line = readLine(place);
  if (line === undefined) throw new Error("a stored row is not where its index says; it is rebuilt when removed");
  return line;
}

/** `eager` is the index entry's own object, parsed for this row alone: it becomes the proxy's target. */
function lazyRow(target: Record<string, unknown>, place: Place): object {
  pending.set(target, place);
  const row = new Proxy(target, HANDLER);
  targets.set(row, target);
  return row;
}

/** Parse a lazy row's line into its target, keeping the line's key order and the eager fields' values. */
function load(target: Record<string, unknown>): void {
  const place = pending.get(target);
  if (place === undefined) return;
  const line = lineAt(place);
  const full = parseJson(line);
  if (!isRecord(full))
    throw new Error(`a stored row does not parse (${line.slice(0, 60)}…); it is rebuilt when removed`);
  pending.delete(target);
  if (--place.unread.left === 0) place.unread.source.close?.();
  const eager = { ...target };
  for (const key of Object.keys(target)) delete target[key];
  for (const key of Object.keys(full)) target[key] = Object.hasOwn(eager, key) ? eager[key] : full[key];
}

/** Every trap but reading an eager field parses the row first; then it is the plain object it stood for. */
const HANDLER: ProxyHandler<Record<string, unknown>> = {
  get(target, key) {
    if (typeof key === "string" && !Object.hasOwn(target, key)) load(target);
    return Reflect.get(target, key);
  },
  has(target, key) {
    if (!Object.hasOwn(target, key)) load(target);
    return Reflect.has(target, key);
  },
  ownKeys(target) {
    load(target);
    return Reflect.ownKeys(target);
  },
  getOwnPropertyDescriptor(target, key) {
    load(target);
    return Reflect.getOwnPropertyDescriptor(target, key);
  },
  set(target, key, value) {
    load(target);
    return Reflect.set(target, key, value);
  },
  defineProperty(target, key, descriptor) {
    load(target);
    return Reflect.defineProperty(target, key, descriptor);
  },
  deleteProperty(target, key) {
    load(target);
    return Reflect.deleteProperty(target, key);
  },
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** `text` with every UTF-16 unit past ASCII as a `\uXXXX` escape: the same JSON, one byte per character. */
function escapeNonAscii(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
