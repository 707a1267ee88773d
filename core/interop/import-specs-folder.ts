import { Document, isCollection, isScalar, visit } from "yaml";
import { MILESTONE_ID_PATTERN } from "../plan/plan-patterns.js";
import { importApproval } from "./import-approval.js";
import { PLAN_SCHEMA_ID } from "../plan/render-json-schema.js";
import { slugify } from "../plan/slugify.js";
import { buildSpecTask, isSpecName, type SpecTask } from "./build-spec-task.js";
import { findSpecDependencies } from "./find-spec-dependencies.js";
import { ImportSpecError } from "./import-spec-error.js";
import {
  findSpecDocuments,
  KIRO_SPECS_ROOT,
  majorityDocuments,
  specPhases,
  type PlanPhase,
} from "./specs-folder-layout.js";
import type { Flavour } from "./task-item.js";

export interface ImportSpecsFolderInput {
  /** Repository-relative folder of spec folders, `/`-separated (`.kiro/specs`, `specs`, `.spec-workflow/specs`). */
  folder: string;
  /** Spec folder name → its files (`tasks.md`, `requirements.md`, `spec.md`, `design.md`, `plan.md`, `spec.json`, `.config.kiro`). */
  specs: Record<string, Record<string, string>>;
  id?: string;
  approvers?: string[];
  /** Write `approval: [{ count, from }]` instead of `approvers` (importApproval). */
  approvals?: number;
}

export interface ImportSpecsFolderResult {
  yaml: string;
  id: string;
  /** The most common flavour of the specs. */
  flavour: Flavour;
  taskCount: number;
  /** The tasks in plan order, for callers that add the new ones to an existing plan. */
  tasks: SpecTask[];
  warnings: string[];
}

/**
 * One milestone for a folder of spec folders: one task per spec in the `kiro` workflow (design.md → design,
 * requirements.md or spec.md → spec, tasks.md → task, its boxes ticked → execute), each task's `spec` its
 * folder name. Under `.kiro/specs` the plan uses the preset itself; elsewhere the preset's phases inline
 * with the folder's paths. Dependencies only where a spec names another (`findSpecDependencies`). Pure.
 */
export function importSpecsFolder(input: ImportSpecsFolderInput): ImportSpecsFolderResult {
  const root = input.folder
    .split("/")
    .filter((s) => s !== "" && s !== ".")
    .join("/");
  if (input.id !== undefined && !MILESTONE_ID_PATTERN.test(input.id)) {
    throw new ImportSpecError(`"${input.id}" is not a valid milestone id: lowercase letters, digits, ".", "_" and "-"`);
  }
  const approval = importApproval(input.approvers, input.approvals);
  const warnings: string[] = [];
  const names = Object.keys(input.specs)
    .sort()
    .filter((name) => {
      if (isSpecName(name)) return true;
      warnings.push(`${root}/${name}: left out, a spec folder name needs letters, digits, ".", "_" or "-" only`);
      return false;
    });
  if (names.length === 0)
    throw new ImportSpecError(
      `${root || "."}: no spec folders (sub-folders holding tasks.md, requirements.md, spec.md or design.md)`,
    );
  const own = new Map(names.map((name) => [name, findSpecDocuments(input.specs[name]!)]));
  const folderDocuments = majorityDocuments([...own.values()]);
  const built = names.map((name) =>
    buildSpecTask(root, name, input.specs[name]!, {
      own: findSpecDocuments(input.specs[name]!, folderDocuments),
      folder: folderDocuments,
    }),
  );
  const taskOf = new Map(built.map(({ task }) => [task.spec, task]));
  for (const dep of findSpecDependencies(names.map((name) => ({ name, files: input.specs[name]! })))) {
    const task = taskOf.get(dep.spec)!;
    const target = taskOf.get(dep.dependsOn)!;
    if (reaches(target, task.id, taskOf)) {
      warnings.push(
        `${root}/${dep.spec}/${dep.file}:${dep.line}: dependency on ${dep.dependsOn} dropped, it would close a cycle`,
      );
      continue;
    }
    task.dependencies = [...(task.dependencies ?? []), target.id];
  }
  const tasks = built.map(({ task }) => reorder(task));
  const flavour = mostCommon(built.map((b) => b.flavour));
  const id = input.id ?? (slugify(root) || "specs");
  const plan = {
    version: 1,
    id,
    title: `Specs in ${root || "."}`,
    description: [
      `Imported from \`${root || "."}\`: ${tasks.length} specs, one task each, through design, spec, task and execute.`,
      "`phasegate execute` validates the phases whose files already exist; gates still need approvals.",
      "What the spec tools themselves say (spec.json, .config.kiro) is shown per task and is not a Phasegate approval.",
    ].join("\n"),
    ...approval,
    workflow:
      root === KIRO_SPECS_ROOT && sameAsPreset(folderDocuments)
        ? "kiro"
        : { phases: workflowPhases(root, folderDocuments) },
    tasks,
  };
  return { yaml: renderSpecsPlan(plan, root, flavour), id, flavour, taskCount: tasks.length, tasks, warnings };
}

function sameAsPreset(documents: { design: string; spec: string }): boolean {
  return documents.design === "design.md" && documents.spec === "requirements.md";
}

function workflowPhases(root: string, documents: Parameters<typeof specPhases>[2]): PlanPhase[] {
  return specPhases(root, "{spec}", documents);
}

/** Keys in schema order: dependencies before spec and overrides. */
function reorder(task: SpecTask): SpecTask {
  const { id, title, description, dependencies, spec, kiro_workflow } = task;
  return {
    id,
    title,
    description,
    ...(dependencies && { dependencies }),
    spec,
    ...(kiro_workflow && { kiro_workflow }),
  };
}

function reaches(from: SpecTask, to: string, tasks: ReadonlyMap<string, SpecTask>, seen = new Set<string>()): boolean {
  if (from.id === to) return true;
  if (seen.has(from.id)) return false;
  seen.add(from.id);
  const byId = new Map([...tasks.values()].map((t) => [t.id, t]));
  return (from.dependencies ?? []).some((d) => reaches(byId.get(d)!, to, tasks, seen));
}

function mostCommon(flavours: Flavour[]): Flavour {
  const counts = new Map<Flavour, number>();
  for (const f of flavours) counts.set(f, (counts.get(f) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "kiro";
}

/** Deterministic YAML, short lists on one line; also used to render the tasks a re-import adds. */
export function renderSpecsPlan(value: unknown, root: string, flavour: string): string {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      if (
        isScalar(pair.key) &&
        ["dependencies", "approvers", "from"].includes(String(pair.key.value)) &&
        isCollection(pair.value)
      ) {
        pair.value.flow = true;
      }
    },
  });
  if (root !== "") {
    doc.commentBefore = [
      ` yaml-language-server: $schema=${PLAN_SCHEMA_ID}`,
      ` Imported by phasegate import from ${root} (${flavour} specs, one task each) — review before committing`,
    ].join("\n");
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}
