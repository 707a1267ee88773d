/**
 * A list of objects (a plan's tasks, a state's task states) stored so that a reader can parse only the
 * rows it uses: a line with the rest of the value (the head), a line with each row's length and a few
 * `eager` fields, then one JSON line per row. A command that touches a few tasks of a large plan (`claim`) parses
 * the header and the rows it reads instead of megabytes of JSON (ADR 32).
 *
 * A lazy row is a proxy over its eager fields: reading any other field, listing its keys, or
 * changing it parses its line first, so it behaves as the plain object it stands for. Rendering a
 * row nobody parsed writes its line back as it was read.
 */

/** Where a lazy row's line is, until it is parsed (keyed by the proxy's target). */
const pending = new WeakMap<object, string>();
/** The target of each lazy row (keyed by the proxy handed out). */
const targets = new WeakMap<object, Record<string, unknown>>();

export interface ParsedRows {
  head: unknown;
  rows: object[];
}

/**
 * `head` (the value without its rows) and `rows` as text: the head's line; a line with, per row, its
 * line's length and its `eager` fields; then each row's JSON on its own line.
 */
export function renderRows(head: unknown, rows: readonly object[], eager: readonly string[]): string {
  const index: [number, Record<string, unknown>][] = [];
  let body = "";
  for (const row of rows) {
    const target = targets.get(row);
    const line = (target && pending.get(target)) ?? JSON.stringify(row);
    const fields: Record<string, unknown> = {};
    for (const key of eager) {
      const value = (row as Record<string, unknown>)[key];
      if (value !== undefined) fields[key] = value;
    }
    index.push([line.length, fields]);
    body += line + "\n";
  }
  return `${JSON.stringify(head)}\n${JSON.stringify(index)}\n${body}`;
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
  const index = end < 0 ? undefined : parseJson(text.slice(first + 1, end));
  if (!Array.isArray(index)) return undefined;
  const rows: object[] = [];
  let at = end + 1;
  for (const entry of index as unknown[]) {
    if (!Array.isArray(entry) || typeof entry[0] !== "number" || !isRecord(entry[1])) return undefined;
    const stop = at + entry[0];
    if (text.charCodeAt(stop) !== 10) return undefined;
    const line = text.slice(at, stop);
    at = stop + 1;
    const row = lazy ? lazyRow(entry[1], line) : parseJson(line);
    if (!isRecord(row)) return undefined;
    rows.push(row);
  }
  if (at !== text.length) return undefined;
  return { head: parseJson(text.slice(0, first)), rows };
}

function lazyRow(eager: Record<string, unknown>, line: string): object {
  const target = { ...eager };
  pending.set(target, line);
  const row = new Proxy(target, HANDLER);
  targets.set(row, target);
  return row;
}

/** Parse a lazy row's line into its target, keeping the line's key order and the eager fields' values. */
function load(target: Record<string, unknown>): void {
  const line = pending.get(target);
  if (line === undefined) return;
  const full = parseJson(line);
  if (!isRecord(full))
    throw new Error(`a stored row does not parse (${line.slice(0, 60)}…); it is rebuilt when removed`);
  pending.delete(target);
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

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
