import fc from "fast-check";

/**
 * YAML documents for differential tests of readPlainYaml: nested block mappings and lists in every
 * layout the fast reader handles (and many it declines), with scalars chosen for their corners
 * (numbers the core schema reads, indicators, quotes, escapes, comments), comment and blank lines
 * at any indentation, and literal or folded block scalars.
 */
const SCALARS = [
  ...["a", "b c", "T1", "1.2", "1.10", "1", "-0", "+5", "0o17", "0x1F", "1e3", ".5", "5.", "0", "00", "08", "1_000"],
  ...[".inf", "-.Inf", ".NaN", "~", "null", "Null", "true", "False", "TRUE", "yes", "2027-06-30", "0x", "0o8"],
  ...["a:b", "a :b", "a#b", "a #b", "-x", "- x", "x-", "a, b", "a]", "a}", "[a", "{a", "a...", "a|b", "a>b", "a'b"],
  ...["'a'", '"a"', "'it''s'", '"a\\"b"', '"\\n"', '"\\x41"', '"é"', "''", '""', "' a '", '"\\t"', '"\\/"', '"\\\\"'],
  ...["😀", "a  b", "a ", "+.5", "1e", "e3", "-", "--", "---", "...", "?x", ":x", "x:", "=", "<<", "!x", "&x", "*x"],
  ...["%x", "@x", "`x`", "|x", ">x", "#x", ",x", "a: b", "12345678901234567890", "1.0e+3", "-1e-3", ".", "-.5"],
  ...["[]", "{}", "[a, b]", "{a: 1}", 'a"b'],
];
const KEYS = ["a", "b", "id", "tasks", "title", "dependencies", "requires", "__proto__", "constructor", "toString"];
const ODD_KEYS = ["null", "true", "1", "a b", "a-b", "_x", "'q'", '"q"', "a:b", "x.y"];

/** A document from `seed` (a small deterministic generator: fast-check varies the seed). */
export function yamlDocument(seed: number): string {
  let state = seed >>> 0;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const count = (max: number) => 1 + Math.floor(random() * max);
  const spaces = (n: number) => " ".repeat(n);
  const lines: string[] = [];
  const noise = () => {
    const x = random();
    if (x < 0.05) lines.push("");
    else if (x < 0.08) lines.push(`${spaces(Math.floor(random() * 8))}# note`);
    else if (x < 0.09) lines.push(spaces(Math.floor(random() * 4)));
  };
  const tail = () => (random() < 0.1 ? " # c" : random() < 0.05 ? "  " : "");
  const flow = (depth: number): string => {
    const x = random();
    if (depth > 2 || x < 0.5) return pick(SCALARS);
    const items = Array.from({ length: Math.floor(random() * 4) }, () => flow(depth + 1));
    if (x < 0.75) return `[${items.join(pick([", ", ",", " , "]))}]`;
    return `${pick(["{ ", "{"])}${items.map((item) => `${pick(KEYS)}: ${item}`).join(", ")}${pick([" }", "}"])}`;
  };
  const blockScalar = (indent: number) => {
    for (let i = count(4); i > 0; i--) {
      if (random() < 0.15) lines.push("");
      else lines.push(spaces(indent + (random() < 0.15 ? Math.floor(random() * 3) : 0)) + pick(BLOCK_LINES));
    }
  };
  const value = (indent: number, depth: number, head: string) => {
    const x = random();
    if (depth > 3 || x < 0.45) lines.push(`${head} ${flow(0)}${tail()}`);
    else if (x < 0.55) {
      lines.push(`${head} ${pick(["|", "|-", ">", ">-", "|+", "|2", "| # c"])}`);
      blockScalar(indent + 1 + Math.floor(random() * 3));
    } else {
      lines.push(head + tail());
      if (x < 0.75) mapping(indent + 1 + Math.floor(random() * 3), depth + 1);
      else if (x < 0.85) list(indent, depth + 1);
      else list(indent + 1 + Math.floor(random() * 2), depth + 1);
    }
  };
  const mapping = (indent: number, depth: number, firstHead?: string) => {
    for (let i = 0, n = count(4); i < n; i++) {
      const key = random() < 0.85 ? pick([...KEYS.slice(0, 6), `x${i}`, `y${i}`]) : pick([...KEYS, ...ODD_KEYS]);
      value(indent, depth, `${i === 0 && firstHead !== undefined ? firstHead : spaces(indent)}${key}:`);
      noise();
    }
  };
  const list = (indent: number, depth: number) => {
    for (let i = 0, n = count(4); i < n; i++) {
      const x = random();
      const gap = random() < 0.9 ? 1 : 2;
      if (x < 0.4 || depth >= 4) lines.push(`${spaces(indent)}-${spaces(gap)}${flow(0)}${tail()}`);
      else if (x < 0.8) mapping(indent + 1 + gap, depth + 1, `${spaces(indent)}-${spaces(gap)}`);
      else {
        lines.push(`${spaces(indent)}-${tail()}`);
        mapping(indent + 1 + Math.floor(random() * 3), depth + 1);
      }
      noise();
    }
  };
  if (random() < 0.3) lines.push("# header");
  mapping(0, 0);
  return lines.join("\n") + (random() < 0.8 ? "\n" : "");
}

const BLOCK_LINES = ["text", "# hash", "a: b", "- x", "more words ", "x"];

/** Tokens inserted into documents to break them in small ways. */
export const YAML_TOKENS = [
  ...["{", "}", "[", "]", ",", ": ", ":", "- ", "-", "? ", "&a ", "*a", "!foo ", "---\n", "...\n", "'", '"', "''"],
  ...["\\", "\\n", "#", " #", "|\n", ">-\n", "|+\n", "~", "null", "1.10", "0x1F", "__proto__: 1\n", "\n", "   \n"],
  ...[" ", "  ", "a", "é", "😀", "@", "`", "%", "\r\n", "\t", "\uFEFF", "\u2028", "\u0085"],
];

/** Deletes a slice of `text` or inserts a token, at positions fast-check chooses. */
export const yamlEdits = fc.array(
  fc.oneof(
    fc.record({ at: fc.nat(), delete: fc.integer({ min: 1, max: 6 }) }),
    fc.record({ at: fc.nat(), insert: fc.constantFrom(...YAML_TOKENS) }),
  ),
  { minLength: 1, maxLength: 3 },
);

export function applyEdits(text: string, edits: ReadonlyArray<{ at: number; delete?: number; insert?: string }>) {
  return edits.reduce((t, edit) => {
    const at = t.length === 0 ? 0 : edit.at % t.length;
    return edit.insert !== undefined
      ? t.slice(0, at) + edit.insert + t.slice(at)
      : t.slice(0, at) + t.slice(at + edit.delete!);
  }, text);
}
