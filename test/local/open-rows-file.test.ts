import { appendFileSync, renameSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRowsFrom, renderRows } from "../../core/events/lazy-rows.js";
import { openRowsFile, type RowsFile } from "../../local/open-rows-file.js";
import { tempDir } from "./git-fixture.js";

/** `count` rows with titles past ASCII, some long: a row's offset in bytes differs from its offset in UTF-16 units unless escaped. */
const rowsOf = (count: number, title = (i: number) => `Tâche ${i} ✓ 😀 ${"é".repeat(i % 7 === 0 ? 3000 : 20)}`) =>
  Array.from({ length: count }, (_, i) => ({ id: `T${i + 1}`, title: title(i + 1), phases: [{ id: "design" }] }));
const HEAD = { id: "größe", note: "ü\u2028" };

/** The rows rendered to a file; `rawHead`: its head line written unescaped, as another writer may. */
function written(rows: object[], rawHead = false): string {
  const path = join(tempDir("phasegate-rows-"), "rows.json");
  const text = renderRows(HEAD, rows, ["id"]);
  writeFileSync(path, rawHead ? JSON.stringify(HEAD) + text.slice(text.indexOf("\n")) : text);
  return path;
}

function read(path: string, open = new Set<RowsFile>()): { file: RowsFile; rows: Array<Record<string, unknown>> } {
  const file = openRowsFile(path, open)!;
  return { file, rows: parseRowsFrom(file, true)?.rows as Array<Record<string, unknown>> };
}

describe("a rows file read in parts (ADR 41)", () => {
  it("finds each row at its byte offset whatever the characters of the head and titles, reading only the rows used", () => {
    const rows = rowsOf(300);
    const path = written(rows, true);
    const open = new Set<RowsFile>();
    const { file, rows: lazy } = read(path, open);
    expect(JSON.parse(file.head)).toEqual(HEAD);
    for (const i of [0, 6, 150, 299]) expect(lazy[i]).toEqual(rows[i]);
    expect(file.bytesRead).toBeLessThan(statSync(path).size / 4);
    expect(open.size).toBe(1);
    file.close();
    expect(open.size).toBe(0);
    expect(() => lazy[10]!.title).toThrow(/a stored row was used after its command ended/);
  });

  it("reads an index longer than the first read", () => {
    const rows = rowsOf(4000, (i) => `t${i}`).map((row) => ({ ...row, id: `${row.id}-${"x".repeat(40)}` }));
    const path = written(rows);
    const { file, rows: lazy } = read(path);
    expect(file.index.length).toBeGreaterThan(131_072);
    expect(lazy[3999]).toEqual(rows[3999]);
    file.close();
  });

  it("closes the file once every row was read, having read no row twice", () => {
    const rows = rowsOf(50);
    const path = written(rows);
    const open = new Set<RowsFile>();
    const { file, rows: lazy } = read(path, open);
    expect(lazy.map((row) => ({ ...row }))).toEqual(rows);
    expect(open.size).toBe(0);
    // The row across the end of the first read is read again whole.
    const longest = Math.max(
      ...renderRows({}, rows, [])
        .split("\n")
        .map((line) => line.length + 1),
    );
    expect(file.bytesRead).toBeLessThanOrEqual(statSync(path).size + longest);
  });

  it.each<[string, (path: string) => void]>([
    ["shorter than its index says", (path) => truncateSync(path, statSync(path).size - 1)],
    ["longer than its index says", (path) => appendFileSync(path, '{"id":"T9"}\n')],
    ["without an index line", (path) => writeFileSync(path, '{"id":"m1"}')],
    ["empty", (path) => writeFileSync(path, "")],
  ])("refuses a file %s as a whole and lets it go", (_name, damage) => {
    const path = written(rowsOf(20));
    damage(path);
    const open = new Set<RowsFile>();
    const file = openRowsFile(path, open);
    expect(file && parseRowsFrom(file, true)).toBeUndefined();
    expect(open.size).toBe(0);
  });

  it("no file is no rows", () => {
    const open = new Set<RowsFile>();
    expect(openRowsFile(join(tempDir(), "missing.json"), open)).toBeUndefined();
    expect(open.size).toBe(0);
  });

  it("keeps reading the file it opened when another is renamed over it", () => {
    const rows = rowsOf(40);
    const path = written(rows);
    const { file, rows: lazy } = read(path);
    const newer = written(rowsOf(40, (i) => `replaced ${i}`));
    renameSync(newer, path);
    expect(lazy[33]).toEqual(rows[33]);
    expect(renderRows(HEAD, lazy, ["id"])).toBe(renderRows(HEAD, rows, ["id"]));
    file.close();
    expect(read(path).rows[33]!.title).toBe("replaced 34");
  });
});
