import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { importSpecsFolder } from "../../../core/interop/import-specs-folder.js";
import { appendPlanTasks } from "../../../core/plan/append-plan-tasks.js";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import { SPEC_FOLDER_FILES } from "../../../core/use-cases/import-plan.js";
import { CORPUS_ROOT, requireCorpus } from "./corpus.js";

type Specs = Record<string, Record<string, string>>;

/** Every folder of spec folders in the corpus (`.kiro/specs`, `specs`, `.spec-workflow/specs`, …) holding several specs. */
function specsFolders(): { rel: string; specs: Specs }[] {
  requireCorpus();
  const out: { rel: string; specs: Specs }[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const abs = join(dir, name);
      if (!statSync(abs).isDirectory()) continue;
      if (name === "specs" && !abs.includes("templates")) {
        const specs: Specs = {};
        for (const spec of readdirSync(abs)) {
          if (spec.startsWith(".") || !statSync(join(abs, spec)).isDirectory()) continue;
          const files: Specs[string] = {};
          for (const file of SPEC_FOLDER_FILES) {
            if (existsSync(join(abs, spec, file))) files[file] = readFileSync(join(abs, spec, file), "utf8");
          }
          if (Object.keys(files).some((f) => f.endsWith(".md"))) specs[spec] = files;
        }
        if (Object.keys(specs).length >= 2) out.push({ rel: relative(CORPUS_ROOT, abs).split("\\").join("/"), specs });
      }
      walk(abs);
    }
  };
  walk(CORPUS_ROOT);
  return out.sort((a, b) => a.rel.localeCompare(b.rel));
}

const FOLDERS = specsFolders();
const root = (rel: string) => rel.split("/").slice(2).join("/"); // the path inside the repository

function validate(yaml: string, id: string): string[] {
  const { plan, issues } = parsePlan(yaml, `.milestones/${id}.yaml`);
  expect(issues).toEqual([]);
  return plan!.tasks.map((t) => t.id);
}

describe("a specs folder as a milestone, on the corpus", () => {
  it("finds the corpus' specs folders", () => {
    expect(FOLDERS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(FOLDERS.map((f) => [f.rel, f] as const))("%s: one task per spec, the plan validates", (_, folder) => {
    const result = importSpecsFolder({ folder: root(folder.rel), specs: folder.specs });
    const ids = validate(result.yaml, result.id);
    expect(ids).toHaveLength(Object.keys(folder.specs).length);
  });

  it.each(FOLDERS.map((f) => [f.rel, f] as const))(
    "%s: a re-import after one more spec adds only that task",
    (_, folder) => {
      const names = Object.keys(folder.specs).sort();
      const last = names.at(-1)!;
      const before = Object.fromEntries(names.slice(0, -1).map((n) => [n, folder.specs[n]!]));
      const first = importSpecsFolder({ folder: root(folder.rel), specs: before });
      const again = importSpecsFolder({ folder: root(folder.rel), specs: folder.specs });
      const out = appendPlanTasks(
        first.yaml,
        again.tasks.filter((t) => t.spec === last),
      )!;
      expect(out.startsWith(first.yaml)).toBe(true);
      expect(out.slice(first.yaml.length)).toMatch(/^ {2}- id: /);
      expect(validate(out, first.id)).toEqual([
        ...validate(first.yaml, first.id),
        again.tasks.find((t) => t.spec === last)!.id,
      ]);
    },
  );
});
