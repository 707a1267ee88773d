import { resolvePlainScalar } from "./resolve-plain-scalar.js";

/**
 * One line's value in readPlainYaml's subset of YAML: a plain or quoted scalar, or a flow list or
 * mapping that closes on the same line, then at most a comment. Anything else (a tag, an anchor,
 * an alias, an escape other than `\\ \" \/ \n \t`, a scalar that goes on to the next line, a
 * duplicate key) is `FALLBACK`: the caller reads the whole file with the yaml library instead,
 * which explains or accepts it.
 */
export const FALLBACK: unique symbol = Symbol("fallback");

/** A value read from part of a line, and where it ended. */
export interface InlineValue {
  value: unknown;
  /** Where `text` ended: the index after the value and any spaces. */
  end: number;
}

/** Records `container[key]`'s source text when a plain scalar resolved to a number. */
export type NumberTexts = (container: object, key: string | number, text: string) => void;

/** Keys the subset accepts: identifiers that the core schema reads as strings and that JS objects hold as they are. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const RESERVED_KEYS = new Set(["__proto__", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE"]);

export function isPlainKey(key: string): boolean {
  return key.length <= 1000 && KEY.test(key) && !RESERVED_KEYS.has(key);
}

/** Set `map[key]` as the yaml library's toJS does; false for a key seen before (the library's error). */
export function setEntry(map: Record<string, unknown>, key: string, value: unknown): boolean {
  if (Object.hasOwn(map, key)) return false;
  if (key in map) Object.defineProperty(map, key, { value, writable: true, enumerable: true, configurable: true });
  else map[key] = value;
  return true;
}

/**
 * The value of a whole line's rest, `text` (after `key: ` or `- `), in block context: the result must
 * reach the end of the text, where only a comment may follow.
 */
export function readLineValue(
  text: string,
  container: object,
  key: string | number,
  numbers: NumberTexts,
): unknown | typeof FALLBACK {
  const first = text[0];
  if (first === "[" || first === "{" || first === "'" || first === '"') {
    const read = readFlowValue(text, 0, container, key, numbers);
    if (read === FALLBACK || !restIsComment(text, read.end)) return FALLBACK;
    return read.value;
  }
  return readBlockPlain(text, container, key, numbers);
}

/** A plain scalar in block context, up to a ` #` comment. */
function readBlockPlain(text: string, container: object, key: string | number, numbers: NumberTexts) {
  const hash = text.indexOf(" #");
  const plain = (hash === -1 ? text : text.slice(0, hash)).trimEnd();
  if (plain === "" || !startsPlain(plain) || plain.includes(": ") || plain.endsWith(":")) return FALLBACK;
  return resolve(plain, container, key, numbers);
}

/** Whether a plain scalar may start so: not with an indicator, except `-` before a non-space. */
function startsPlain(plain: string): boolean {
  const c = plain[0]!;
  if (c === "-") return plain.length > 1 && plain[1] !== " ";
  return !"?:,[]{}#&*!|>'\"%@`".includes(c);
}

function resolve(plain: string, container: object, key: string | number, numbers: NumberTexts): unknown {
  const value = resolvePlainScalar(plain);
  if (typeof value === "number" || typeof value === "boolean") numbers(container, key, plain);
  return value;
}

/** Nothing from `at` on (the spaces before it are skipped), or a comment after a space. */
function restIsComment(text: string, at: number): boolean {
  return at === text.length || (text[at] === "#" && text[at - 1] === " ");
}

function skipSpaces(text: string, at: number): number {
  while (text[at] === " ") at++;
  return at;
}

/** A quoted scalar or a flow collection starting at `at`, all on this line. */
function readFlowValue(
  text: string,
  at: number,
  container: object,
  key: string | number,
  numbers: NumberTexts,
): InlineValue | typeof FALLBACK {
  const c = text[at];
  if (c === "'") return readSingleQuoted(text, at);
  if (c === '"') return readDoubleQuoted(text, at);
  if (c === "[") return readFlowList(text, at, numbers);
  if (c === "{") return readFlowMap(text, at, numbers);
  // A plain scalar inside a flow collection: it ends at `,`, `]` or `}`.
  let end = at;
  while (end < text.length && !",[]{}".includes(text[end]!)) end++;
  const plain = text.slice(at, end).trimEnd();
  if (plain === "" || !startsPlain(plain) || plain.includes(":") || plain.includes("#")) return FALLBACK;
  return { value: resolve(plain, container, key, numbers), end: skipSpaces(text, end) };
}

function readSingleQuoted(text: string, at: number): InlineValue | typeof FALLBACK {
  let value = "";
  let from = at + 1;
  for (;;) {
    const quote = text.indexOf("'", from);
    if (quote === -1) return FALLBACK; // continues on the next line
    value += text.slice(from, quote);
    if (text[quote + 1] !== "'") return { value, end: skipSpaces(text, quote + 1) };
    value += "'";
    from = quote + 2;
  }
}

/** The escapes whose meaning JSON and YAML share; any other is left to the yaml library. */
const ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", n: "\n", t: "\t" };

function readDoubleQuoted(text: string, at: number): InlineValue | typeof FALLBACK {
  let value = "";
  let from = at + 1;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') return { value: value + text.slice(from, i), end: skipSpaces(text, i + 1) };
    if (c !== "\\") continue;
    const escaped = ESCAPES[text[i + 1] ?? ""];
    if (escaped === undefined) return FALLBACK;
    value += text.slice(from, i) + escaped;
    i++;
    from = i + 1;
  }
  return FALLBACK; // continues on the next line
}

function readFlowList(text: string, at: number, numbers: NumberTexts): InlineValue | typeof FALLBACK {
  const list: unknown[] = [];
  let i = skipSpaces(text, at + 1);
  if (text[i] === "]") return { value: list, end: skipSpaces(text, i + 1) };
  for (;;) {
    const item = readFlowValue(text, i, list, list.length, numbers);
    if (item === FALLBACK) return FALLBACK;
    list.push(item.value);
    i = item.end;
    if (text[i] === "]") return { value: list, end: skipSpaces(text, i + 1) };
    if (text[i] !== ",") return FALLBACK;
    i = skipSpaces(text, i + 1);
    if (text[i] === "]" || text[i] === ",") return FALLBACK; // a trailing or empty entry
  }
}

function readFlowMap(text: string, at: number, numbers: NumberTexts): InlineValue | typeof FALLBACK {
  const map: Record<string, unknown> = {};
  let i = skipSpaces(text, at + 1);
  if (text[i] === "}") return { value: map, end: skipSpaces(text, i + 1) };
  for (;;) {
    const colon = text.indexOf(": ", i);
    if (colon === -1) return FALLBACK;
    const key = text.slice(i, colon);
    if (!isPlainKey(key)) return FALLBACK;
    const item = readFlowValue(text, skipSpaces(text, colon + 2), map, key, numbers);
    if (item === FALLBACK || !setEntry(map, key, item.value)) return FALLBACK;
    i = item.end;
    if (text[i] === "}") return { value: map, end: skipSpaces(text, i + 1) };
    if (text[i] !== ",") return FALLBACK;
    i = skipSpaces(text, i + 1);
    if (text[i] === "}" || text[i] === ",") return FALLBACK;
  }
}
