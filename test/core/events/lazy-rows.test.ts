import { describe, expect, it } from "vitest";
import {
  parseRows,
  parseRowsFrom,
  parseRowsHead,
  renderRows,
  type RowsSource,
} from "../../../core/events/lazy-rows.js";

const HEAD = { id: "m1", tasks: [], note: "é ✓ \u2028" };
const ROWS = [
  { id: "T1", status: "ready", phases: [{ id: "design", approvals: [] }], claim: { by: "bob" } },
  { id: "T2", status: "pending", phases: [], note: "line\nbreak and ü" },
  { id: "T3", dependencies: ["T1", "T2"], status: "completed", progress: 100 },
];
const EAGER = ["id", "status", "dependencies"];
const TEXT = renderRows(HEAD, ROWS, EAGER);
/** TEXT with `from` replaced in the rows' lines (the index line names the eager fields too). */
const inRows = (from: string, to: string) => {
  const body = TEXT.indexOf("\n", TEXT.indexOf("\n") + 1);
  return TEXT.slice(0, body) + TEXT.slice(body).replace(from, to);
};

describe("rows: a list stored one line per row, parsed where used", () => {
  it.each([true, false])("reads back what was rendered (lazy: %s), keys in their order", (lazy) => {
    const parsed = parseRows(TEXT, lazy);
    expect(parsed?.head).toEqual(HEAD);
    expect(parsed?.rows).toEqual(ROWS);
    expect(JSON.stringify(parsed?.rows)).toBe(JSON.stringify(ROWS));
    for (const [i, row] of (parsed?.rows ?? []).entries()) expect(Object.keys(row)).toEqual(Object.keys(ROWS[i]!));
  });

  it("renders rows nobody parsed back as they were read, and a changed row as it is now", () => {
    const rows = parseRows(TEXT, true)?.rows as Array<Record<string, unknown>>;
    expect(renderRows(HEAD, rows, EAGER)).toBe(TEXT);
    rows[0]!.status = "in_progress"; // an eager field
    (rows[1]!.phases as unknown[]).push({ id: "spec" }); // a field the line holds
    const again = parseRows(renderRows(HEAD, rows, EAGER), true)?.rows;
    expect(again?.[0]).toEqual({ ...ROWS[0], status: "in_progress" });
    expect(again?.[1]).toEqual({ ...ROWS[1], phases: [{ id: "spec" }] });
    expect(again?.[2]).toEqual(ROWS[2]);
  });

  it("writes an unparsed row's line as it was read, without parsing it again", () => {
    const line = '{ "id": "T1", "phases": [] }';
    const text = `{}\n${JSON.stringify([[line.length, { id: "T1" }]])}\n${line}\n`;
    expect(renderRows({}, parseRows(text, true)?.rows ?? [], ["id"])).toBe(text);
    expect(renderRows({}, parseRows(text, false)?.rows ?? [], ["id"])).not.toBe(text);
  });

  it("a lazy row behaves as the object it stands for: spread, in, delete, define, copies", () => {
    const [row] = parseRows(TEXT, true)?.rows as Array<Record<string, unknown>>;
    expect("claim" in row!).toBe(true);
    expect({ ...row }).toEqual(ROWS[0]);
    expect(structuredClone({ ...row })).toEqual(ROWS[0]);
    delete row!.claim;
    Object.defineProperty(row, "hold", { value: true, enumerable: true, configurable: true, writable: true });
    expect(Object.keys(row!)).toEqual(["id", "status", "phases", "hold"]);
  });

  it("reads the head from the first line alone", () => {
    expect(parseRowsHead(TEXT.slice(0, TEXT.indexOf("\n") + 3))).toEqual(HEAD);
    expect(parseRowsHead(TEXT.slice(0, 10))).toBeUndefined();
  });

  it("a copy of a lazy row has its eager fields as they are now", () => {
    const [row] = parseRows(TEXT, true)?.rows as Array<Record<string, unknown>>;
    row!.status = "completed";
    expect({ ...row }).toEqual({ ...ROWS[0], status: "completed" });
  });

  it.each<[string, string]>([
    ["empty", ""],
    ["plain JSON (an older layout)", JSON.stringify({ head: HEAD, rows: [] })],
    ["a head without rows", '{"head":{}}\n'],
    ["cut short", TEXT.slice(0, -5)],
    ["a row longer than its header says", inRows('"T2"', '"T22"')],
    ["a line added", TEXT + '{"id":"T4"}\n'],
    ["a row that is not an object", "{}\n[[5,{}]]\n[1,2]\n"],
  ])("is not read when the text is not rows as rendered: %s", (_name, text) => {
    expect(parseRows(text, false)).toBeUndefined();
  });

  it("a damaged line of the same length is found when its row is used, with a clear error", () => {
    const damaged = inRows('"pending"', '"pending}');
    const rows = parseRows(damaged, true)?.rows as Array<Record<string, unknown>>;
    expect(rows[0]!.phases).toEqual(ROWS[0]!.phases);
    expect(rows[1]!.id).toBe("T2");
    expect(() => rows[1]!.phases).toThrow(/a stored row does not parse/);
    expect(parseRows(damaged, false)).toBeUndefined();
  });

  it("writes ASCII only: a line's length is its length in bytes, and parsing restores every character", () => {
    expect(TEXT).not.toMatch(/[\u0080-\uffff]/);
    expect(Buffer.byteLength(TEXT)).toBe(TEXT.length);
    expect(TEXT).toContain("\\u00e9 \\u2713");
    const emoji = { id: "T9", title: "😀 naïve" };
    expect(parseRows(renderRows({ x: "ü" }, [emoji], ["id"]), false)?.rows).toEqual([emoji]);
  });
});

/** TEXT as a source read in parts, recording what is read and whether it was closed. */
function sourceOf(text: string): RowsSource & { reads: Array<[number, number]>; closed: number } {
  const first = text.indexOf("\n");
  const end = text.indexOf("\n", first + 1);
  const body = text.slice(end + 1);
  const source = {
    head: text.slice(0, first),
    index: text.slice(first + 1, end),
    size: body.length,
    reads: [] as Array<[number, number]>,
    closed: 0,
    read: (offset: number, length: number) => (
      source.reads.push([offset, length]),
      body.slice(offset, offset + length)
    ),
    close: () => void source.closed++,
  };
  return source;
}

describe("rows read in parts (ADR 41)", () => {
  it("reads nothing of the rows until one is used, then that row's line and its line end", () => {
    const source = sourceOf(TEXT);
    const rows = parseRowsFrom(source, true)?.rows as Array<Record<string, unknown>>;
    expect(rows.map((r) => r.id)).toEqual(["T1", "T2", "T3"]);
    expect(source.reads).toEqual([]);
    expect(rows[1]!.note).toBe("line\nbreak and ü");
    const second = TEXT.split("\n").slice(2)[1]!;
    expect(source.reads).toEqual([[TEXT.split("\n")[2]!.length + 1, second.length + 1]]);
    expect(source.closed).toBe(0);
  });

  it("closes the source once every row was read, once; a whole read closes it at once", () => {
    const lazy = sourceOf(TEXT);
    const rows = parseRowsFrom(lazy, true)?.rows as Array<Record<string, unknown>>;
    for (const row of rows) void row.phases;
    expect(rows).toEqual(ROWS);
    void rows[0]!.claim;
    expect(lazy.closed).toBe(1);
    const whole = sourceOf(TEXT);
    expect(parseRowsFrom(whole, false)?.rows).toEqual(ROWS);
    expect(whole.closed).toBe(1);
  });

  it.each<[string, RowsSource]>([
    ["shorter than its index says", { ...sourceOf(TEXT), size: sourceOf(TEXT).size - 1 }],
    ["longer than its index says", { ...sourceOf(TEXT), size: sourceOf(TEXT).size + 1 }],
    ["an index that is not one", { ...sourceOf(TEXT), index: "[[1,2]]" }],
    ["a head that does not parse", { ...sourceOf(TEXT), head: "{" }],
  ])("refuses a source %s as a whole, reads no row and closes it", (_name, given) => {
    let closed = 0;
    const reads: number[] = [];
    const source = {
      ...given,
      read: (o: number, l: number) => (reads.push(o), given.read(o, l)),
      close: () => void closed++,
    };
    expect(parseRowsFrom(source, true)).toBeUndefined();
    expect(parseRowsFrom(source, false)).toBeUndefined();
    expect(reads).toEqual([]);
    expect(closed).toBe(2);
  });

  it("a row whose line is cut (no line end where the index says) throws where it is used; a whole read refuses", () => {
    const lines = TEXT.split("\n");
    const cut = [...lines.slice(0, 3), `${lines[3]} ${lines[4]}`, ...lines.slice(5)].join("\n");
    const rows = parseRowsFrom(sourceOf(cut), true)?.rows as Array<Record<string, unknown>>;
    expect(rows[0]!.phases).toEqual(ROWS[0]!.phases);
    expect(() => rows[1]!.phases).toThrow(/a stored row is not where its index says/);
    expect(() => renderRows(HEAD, rows, EAGER)).toThrow(/a stored row is not where its index says/);
    expect(parseRowsFrom(sourceOf(cut), false)).toBeUndefined();
  });

  it("a source that ends before a row (a file cut after it was opened) throws where the row is used", () => {
    const source = sourceOf(TEXT);
    const rows = parseRowsFrom({ ...source, read: (o, l) => source.read(o, l).slice(0, -1) }, true)?.rows;
    expect((rows as Array<Record<string, unknown>>)[2]!.status).toBe("completed"); // an eager field
    expect(() => (rows as Array<Record<string, unknown>>)[2]!.phases).toThrow(/not where its index says/);
  });

  it("renders rows nobody used from the source's bytes, each read once", () => {
    const source = sourceOf(TEXT);
    const rows = parseRowsFrom(source, true)?.rows ?? [];
    expect(renderRows(HEAD, rows, EAGER)).toBe(TEXT);
    expect(renderRows(HEAD, rows, EAGER)).toBe(TEXT);
    expect(source.reads).toHaveLength(3);
  });
});
