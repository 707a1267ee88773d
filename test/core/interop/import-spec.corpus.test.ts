import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseTaskList, type TaskList } from "../../../core/interop/index.js";
import { importSpec } from "../../../core/interop/import-spec.js";
import { parsePlan } from "../../../core/plan/parse-plan.js";
import { checkSourceItem } from "../../../core/workflow/check-source-item.js";
import { taskListFiles } from "./corpus.js";

/** Folders whose tasks.md holds no task item, so there is nothing to import (the error says so). */
const NOTHING_TO_IMPORT: Record<string, string> = {
  "kiro-ccsdd/cOnigashima__meeting_minutes_automator/.kiro/specs/meeting-minutes-docs-sync":
    "a status page: its tasks live in task-details/*.md",
  "kiro-ccsdd/noriaki__line-miniapp-reversi/.specify/settings/templates/specs": "cc-sdd's template: {{NUMBER}} slots",
  "speckit-templates/github__spec-kit/templates/commands": "Spec Kit's /tasks prompt, not a task list",
};

/** The rule, restated: top-level checkbox, heading and synthetic items; in Spec Kit every item with a written id. */
function qualifying(list: TaskList): number {
  return list.items.filter((i) => {
    if (i.optional || i.skipped || i.kind === "skip") return false;
    return list.flavour === "spec-kit" ? i.idWritten && i.kind !== "synthetic" : i.parent === undefined;
  }).length;
}

const SPEC_FILES = ["tasks.md", "spec.json", "requirements.md", "design.md", "spec.md", "plan.md"];
const folders = taskListFiles()
  .filter((f) => f.rel.endsWith("/tasks.md"))
  .map((f) => {
    const files: Record<string, string> = {};
    for (const name of SPEC_FILES) {
      const path = join(dirname(f.abs), name);
      if (existsSync(path)) files[name] = readFileSync(path, "utf8");
    }
    // The corpus keeps `<flavour>/<owner__repo>/`: what follows is the path inside that repository.
    return { key: dirname(f.rel), folder: dirname(f.rel).split("/").slice(2).join("/"), files };
  });

/** Pinned so docs/interop.md ("Import") stays true; update both together. */
const FIGURES = {
  folders: 122,
  imported: 119,
  tasks: 2701,
  /** Folders, tasks, dependency edges. */
  byFlavour: { kiro: [67, 977, 0], "cc-sdd": [14, 148, 0], "spec-workflow": [5, 23, 0], "spec-kit": [33, 1553, 2469] },
  pendingOnly: { imported: 42, tasks: 518 },
};

describe("importSpec on every spec folder of the corpus", () => {
  const results = folders.map(({ key, folder, files }) => {
    try {
      const result = importSpec({ folder, files });
      const pending = (() => {
        try {
          return importSpec({ folder, files, pendingOnly: true }).taskCount;
        } catch {
          return 0;
        }
      })();
      return { key, folder, files, result, pending };
    } catch (error) {
      return { key, folder, files, error: error as Error, pending: 0 };
    }
  });

  it.each(results.map((r) => [r.key, r] as const))("%s", (key, r) => {
    if (NOTHING_TO_IMPORT[key] !== undefined) {
      expect(r.error?.message).toMatch(/no task items/);
      return;
    }
    if (!r.result) throw r.error;
    const { plan, issues } = parsePlan(r.result.yaml, `.milestones/${r.result.id}.yaml`);
    expect(issues.filter((i) => i.severity === "error")).toEqual([]);
    expect(r.result.warnings.filter((w) => w.includes("close a cycle"))).toEqual([]);
    const text = r.files["tasks.md"] as string;
    const list = parseTaskList(text, { path: `${r.folder}/tasks.md`, siblings: Object.keys(r.files) });
    expect(plan?.tasks.length).toBe(qualifying(list));
    // The gate's check and the write-back read the file without the sibling list: they must find every item.
    for (const task of plan?.tasks ?? []) {
      expect(checkSourceItem(text, task.source!.file, task.source).join()).not.toContain("no item");
    }
  });

  it("imports the figures docs/interop.md states", () => {
    const ok = results.filter((r) => r.result);
    const byFlavour: Record<string, number[]> = {};
    for (const r of ok) {
      const row = (byFlavour[r.result!.flavour] ??= [0, 0, 0]);
      const plan = parsePlan(r.result!.yaml, `.milestones/${r.result!.id}.yaml`).plan;
      row[0]! += 1;
      row[1]! += r.result!.taskCount;
      row[2]! += plan?.tasks.reduce((n, t) => n + t.dependencies.length, 0) ?? 0;
    }
    expect({
      folders: results.length,
      imported: ok.length,
      tasks: ok.reduce((n, r) => n + r.result!.taskCount, 0),
      byFlavour,
      pendingOnly: {
        imported: results.filter((r) => r.pending > 0).length,
        tasks: results.reduce((n, r) => n + r.pending, 0),
      },
    }).toEqual(FIGURES);
  });
});
