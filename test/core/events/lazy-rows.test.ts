import { describe, expect, it } from "vitest";
import { parseRows, parseRowsHead, renderRows } from "../../../core/events/lazy-rows.js";

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
});
