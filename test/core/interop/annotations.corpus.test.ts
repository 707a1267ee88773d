import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTaskList, type TaskItem } from "../../../core/interop/index.js";
import { FIXTURES, loadTaskFile } from "./corpus.js";

/**
 * Hand annotations (test/fixtures/interop/*.json): what a person reading the file says each item is.
 * `annotated: "all"` lists every item in order; otherwise the listed items are a subset and
 * `itemCount` still pins the total. Fields left out of an item are not checked; `parent: null` means none.
 */
interface AnnotatedItem {
  id: string;
  title: string;
  parent: string | null;
  state: TaskItem["state"];
  optional: boolean;
  dependencies: string[];
  line?: number;
  kind?: TaskItem["kind"];
  parallel?: boolean;
  story?: string;
  skipped?: boolean;
  requirements?: string[];
  annotations?: string[];
  criteria?: string[];
  meta?: Record<string, string>;
}

interface Annotation {
  source: string;
  covers: string[];
  flavour: string;
  annotated: string;
  itemCount: number;
  path?: string;
  siblings?: string[];
  eol?: "\n" | "\r\n";
  doneChar?: "x" | "X";
  looseCriteria?: number;
  warnings?: { line: number; severity: string }[];
  items: AnnotatedItem[];
}

const annotations = readdirSync(FIXTURES)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(join(FIXTURES, f), "utf8")) as Annotation] as const);

function view(item: TaskItem, wanted: AnnotatedItem): AnnotatedItem {
  const got: AnnotatedItem = {
    id: item.id,
    title: item.title,
    parent: item.parent ?? null,
    state: item.state,
    optional: item.optional,
    dependencies: item.dependencies,
  };
  if (wanted.line !== undefined) got.line = item.line;
  if (wanted.kind !== undefined) got.kind = item.kind;
  if (wanted.parallel !== undefined) got.parallel = item.parallel;
  if (wanted.story !== undefined) got.story = item.story ?? "";
  if (wanted.skipped !== undefined) got.skipped = item.skipped === true;
  if (wanted.requirements !== undefined) got.requirements = item.requirements;
  if (wanted.annotations !== undefined) got.annotations = item.annotations ?? [];
  if (wanted.criteria !== undefined) got.criteria = item.criteria.map((c) => `[${c.rawState}] ${c.text}`);
  if (wanted.meta !== undefined)
    got.meta = Object.fromEntries(Object.keys(wanted.meta).map((k) => [k, item.meta[k] ?? ""]));
  return got;
}

describe("hand-annotated files", () => {
  it("cover every flavour", () => {
    const flavours = new Set(annotations.map(([, a]) => a.flavour));
    expect([...flavours].sort()).toEqual(["cc-sdd", "generic", "kiro", "spec-kit", "spec-workflow"]);
  });

  it.each(annotations)("%s", (_name, a) => {
    const file = loadTaskFile(a.source);
    const list = parseTaskList(file.text, { path: a.path ?? a.source, siblings: a.siblings ?? file.siblings });
    expect(list.flavour).toBe(a.flavour);
    expect(list.items.length).toBe(a.itemCount);
    if (a.eol) expect(list.eol).toBe(a.eol);
    if (a.doneChar) expect(list.doneChar).toBe(a.doneChar);
    if (a.looseCriteria !== undefined) expect(list.criteria.length).toBe(a.looseCriteria);
    if (a.warnings) {
      expect(
        list.warnings.filter((w) => w.severity !== "info").map((w) => ({ line: w.line, severity: w.severity })),
      ).toEqual(a.warnings);
    }
    if (a.annotated === "all") expect(list.items.map((i) => i.id)).toEqual(a.items.map((i) => i.id));
    for (const wanted of a.items) {
      const item = list.items.find((i) => i.id === wanted.id);
      expect(item, `item ${wanted.id}`).toBeDefined();
      if (item) expect(view(item, wanted)).toEqual(wanted);
    }
  });
});
