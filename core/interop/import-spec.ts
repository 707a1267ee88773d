import { explainRepoPath } from "../plan/explain-repo-path.js";
import { MILESTONE_ID_PATTERN } from "../plan/plan-patterns.js";
import { importApproval } from "./import-approval.js";
import { ImportSpecError } from "./import-spec-error.js";
import { computeImportDependencies } from "./import-dependencies.js";
import { assignTaskIds, defaultMilestoneId } from "./import-ids.js";
import { renderImportedPlan, type ImportedPlan } from "./import-render.js";
import { describeLeftOut, selectImportItems } from "./import-select.js";
import { buildImportedTask } from "./import-task.js";
import { readMilestoneTitle } from "./import-title.js";
import { parseTaskList } from "./parse-task-list.js";
import type { Flavour } from "./task-item.js";

export interface ImportSpecInput {
  /** Repository-relative path of the spec folder, `/`-separated (`.kiro/specs/auth`, `specs/001-auth`). */
  folder: string;
  /** File name in the folder → text: `tasks.md` (required), `spec.json`, `requirements.md`, `design.md`, `spec.md`, `plan.md`. */
  files: Record<string, string>;
  /** Milestone id; default: a slug of the folder's last segment. */
  id?: string;
  approvers?: string[];
  /** With `approvers` (or alone): write `approval: [{ count, from }]` instead of `approvers` (importApproval). */
  approvals?: number;
  /** Leave out items already done. */
  pendingOnly?: boolean;
}

export interface ImportSpecResult {
  yaml: string;
  id: string;
  flavour: Flavour;
  taskCount: number;
  warnings: string[];
}

export { ImportSpecError } from "./import-spec-error.js";

const FLAVOUR_NAME: Record<Flavour, string> = {
  kiro: "Kiro",
  "cc-sdd": "cc-sdd",
  "spec-workflow": "spec-workflow",
  "spec-kit": "GitHub Spec Kit",
  generic: "generic checklist",
};
const DOCUMENTS = ["requirements.md", "design.md", "spec.md", "plan.md"];

/**
 * A milestone plan for executing an existing spec: one task per task-list item (see `selectImportItems`),
 * each checked by its item in tasks.md (`source_item`) and gated by an approval, plus `ci_green`. Pure;
 * throws `ImportSpecError` when there is no tasks.md, no task item in it, or nothing left to import.
 */
export function importSpec(input: ImportSpecInput): ImportSpecResult {
  const folder = input.folder
    .split(/[\\/]/)
    .filter((segment) => segment !== "" && segment !== ".")
    .join("/");
  const file = folder ? `${folder}/tasks.md` : "tasks.md";
  const text = input.files["tasks.md"];
  if (text === undefined) throw new ImportSpecError(`${folder || "."}: no tasks.md in the folder`);
  const problem = explainRepoPath(file);
  if (problem) throw new ImportSpecError(`${file}: the path ${problem.message} (${problem.hint})`);
  checkOptions(input);
  const list = parseTaskList(text, { path: file, siblings: Object.keys(input.files) });
  if (list.items.length === 0) {
    throw new ImportSpecError(`${file}: no task items (checkbox lines such as "- [ ] 1. Title" or "- [ ] T001 Title")`);
  }
  const selection = selectImportItems(list, input.pendingOnly === true);
  if (selection.tasks.length === 0) {
    const done = selection.left.filter((l) => l.reason === "done").length;
    const others = describeLeftOut(selection.left.filter((l) => l.reason !== "done"));
    const also = others.length > 0 ? ` (also ${others.join("; ")})` : "";
    throw new ImportSpecError(
      done > 0
        ? `${file}: all ${done} required tasks are already done; nothing to import with --pending-only${also}`
        : `${file}: no task to import: ${others.join("; ")}`,
    );
  }
  const taskIds = assignTaskIds(selection.tasks);
  const graph = computeImportDependencies(list, selection);
  const tasks = selection.tasks.map((item) => {
    const deps = (graph.dependencies.get(item.id) ?? []).map((d) => taskIds.get(d) ?? d);
    return buildImportedTask(item, taskIds.get(item.id) ?? item.id, file, deps);
  });
  const id = input.id ?? defaultMilestoneId(folder);
  const docs = DOCUMENTS.filter((name) => input.files[name] !== undefined);
  const plan: ImportedPlan = {
    version: 1,
    id,
    title: readMilestoneTitle(list, folder),
    description: [
      `Imported from \`${folder || "."}\` (${FLAVOUR_NAME[list.flavour]}): ${tasks.length} tasks from ${list.items.length} items in tasks.md${input.pendingOnly ? ", pending only" : ""}.`,
      ...(docs.length > 0 ? [`Spec documents: ${docs.join(", ")}.`] : []),
      "Tick each task's items in tasks.md as the work is done; its gate checks them, then needs an approval.",
    ].join("\n"),
    ...importApproval(input.approvers, input.approvals),
    workflow: { phases: [executePhase(file)] },
    tasks,
  };
  return {
    yaml: renderImportedPlan(plan, { folder: folder || ".", flavour: list.flavour }),
    id,
    flavour: list.flavour,
    taskCount: tasks.length,
    warnings: [...describeLeftOut(selection.left), ...graph.warnings],
  };
}

/** The spec documents exist already: the imported milestone is about executing tasks.md. */
function executePhase(file: string): ImportedPlan["workflow"]["phases"][number] {
  return {
    id: "execute",
    weight: 100,
    approval_required: true,
    deliverables: [{ path: file, checks: { source_item: true, no_placeholders: false } }, { signal: "ci_green" }],
  };
}

function checkOptions(input: ImportSpecInput): void {
  if (input.id !== undefined && !MILESTONE_ID_PATTERN.test(input.id)) {
    throw new ImportSpecError(
      `"${input.id}" is not a valid milestone id: lowercase letters, digits, ".", "_" and "-", starting and ending with a letter or digit, at most 64 characters`,
    );
  }
  importApproval(input.approvers, input.approvals);
}
