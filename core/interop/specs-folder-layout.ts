import type { Deliverable, Phase } from "../plan/plan.js";
import { DEFAULT_FILE_CHECKS } from "../plan/plan.js";
import { KIRO_PRESET } from "../plan/presets.js";

/** Which document each spec-folder phase reads: Kiro and cc-sdd write design.md and requirements.md, Spec Kit plan.md and spec.md. */
export interface SpecDocuments {
  design: "design.md" | "plan.md";
  spec: "requirements.md" | "spec.md";
}

/** The root the `kiro` preset's paths point at; a specs folder elsewhere gets the preset's phases inline. */
export const KIRO_SPECS_ROOT = ".kiro/specs";

/** A spec's own documents: what it has, else `fallback` (what most specs of the folder have). */
export function findSpecDocuments(files: Readonly<Record<string, string>>, fallback?: SpecDocuments): SpecDocuments {
  const has = (name: string) => files[name] !== undefined;
  return {
    design: has("design.md") ? "design.md" : has("plan.md") ? "plan.md" : (fallback?.design ?? "design.md"),
    spec: has("requirements.md")
      ? "requirements.md"
      : has("spec.md")
        ? "spec.md"
        : (fallback?.spec ?? "requirements.md"),
  };
}

/** The documents most specs of the folder have (ties go to Kiro's names). */
export function majorityDocuments(all: SpecDocuments[]): SpecDocuments {
  const count = (pick: (d: SpecDocuments) => boolean) => all.filter(pick).length;
  return {
    design: count((d) => d.design === "plan.md") > count((d) => d.design === "design.md") ? "plan.md" : "design.md",
    spec:
      count((d) => d.spec === "spec.md") > count((d) => d.spec === "requirements.md") ? "spec.md" : "requirements.md",
  };
}

/** Plan YAML for one phase or deliverable, as a person would write it (checks only where they differ from the defaults). */
export type PlanDeliverable = string | { path: string; checks: Record<string, boolean> } | { signal: string };
export interface PlanPhase {
  id: string;
  title: string;
  weight: number;
  approval_required: boolean;
  deliverables: PlanDeliverable[];
}

/**
 * The `kiro` preset's phases for specs under `root`, each document as `documents` says: the spec phase's
 * `requirements` check (numbered requirements) only applies to requirements.md, not to Spec Kit's spec.md.
 * `spec` is the folder name, or `{spec}` for the workflow itself.
 */
export function specPhases(root: string, spec: string, documents: SpecDocuments): PlanPhase[] {
  return KIRO_PRESET.phases.map((phase) => ({
    id: phase.id,
    title: phase.title,
    weight: phase.weight,
    approval_required: phase.approvalRequired,
    deliverables: phase.deliverables.map((d) => toPlanDeliverable(d, phase, root, spec, documents)),
  }));
}

function toPlanDeliverable(
  deliverable: Deliverable,
  phase: Phase,
  root: string,
  spec: string,
  documents: SpecDocuments,
): PlanDeliverable {
  if (deliverable.kind === "signal") return { signal: deliverable.signal };
  const name = deliverable.path.split("/").at(-1)!;
  const file = phase.id === "design" ? documents.design : phase.id === "spec" ? documents.spec : name;
  const path = `${root}/${spec}/${file}`;
  const checks: Record<string, boolean> = {};
  const given = deliverable.checks;
  if (given.notEmpty !== DEFAULT_FILE_CHECKS.notEmpty) checks.not_empty = given.notEmpty;
  if (given.noPlaceholders !== DEFAULT_FILE_CHECKS.noPlaceholders) checks.no_placeholders = given.noPlaceholders;
  if (given.checklistComplete) checks.checklist_complete = true;
  if (given.hasChecklist) checks.has_checklist = true;
  if (given.requirements && file === "requirements.md") checks.requirements = true;
  return Object.keys(checks).length > 0 ? { path, checks } : path;
}
