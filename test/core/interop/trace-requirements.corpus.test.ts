import { existsSync, readFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { expect, it } from "vitest";
import { parseTaskList, traceRequirements } from "../../../core/interop/index.js";
import { taskListFiles } from "./corpus.js";

/** The figures docs/interop.md gives under "Requirement traceability", per detected flavour. */
interface Row {
  folders: number;
  withDocument: number;
  references: number;
  referencesWithDocument: number;
  resolved: number;
  requirements: number;
  covered: number;
}

it("resolves the corpus' requirement references as docs/interop.md says", () => {
  const figures: Record<string, Row> = {};
  for (const file of taskListFiles().filter((f) => basename(f.rel) === "tasks.md")) {
    const dir = dirname(file.abs);
    const requirements = ["requirements.md", "spec.md"]
      .filter((name) => existsSync(join(dir, name)))
      .map((name) => ({ path: name, text: readFileSync(join(dir, name), "utf8") }));
    const flavour = parseTaskList(file.text, { path: file.rel, siblings: file.siblings }).flavour;
    const trace = traceRequirements({ tasks: { path: file.rel, text: file.text }, requirements });
    const row = (figures[flavour] ??= {
      folders: 0,
      withDocument: 0,
      references: 0,
      referencesWithDocument: 0,
      resolved: 0,
      requirements: 0,
      covered: 0,
    });
    row.folders++;
    row.references += trace.references.length;
    if (requirements.length > 0) {
      row.withDocument++;
      row.referencesWithDocument += trace.references.length;
    }
    row.resolved += trace.references.filter((r) => r.resolved.length > 0).length;
    row.requirements += trace.rows.length;
    row.covered += trace.rows.length - trace.uncovered.length;
  }
  const table = Object.fromEntries(Object.entries(figures).map(([k, r]) => [k, Object.values(r)]));
  expect(table).toEqual({
    kiro: [67, 55, 6363, 5007, 4973, 533, 525],
    "cc-sdd": [15, 15, 627, 627, 586, 125, 92],
    "spec-workflow": [5, 4, 38, 25, 24, 16, 8],
    "spec-kit": [33, 33, 562, 562, 561, 832, 80],
    generic: [2, 0, 0, 0, 0, 0, 0],
  });
});
