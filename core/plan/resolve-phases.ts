import type { Deliverable, Phase } from "./plan.js";
import type { ApprovalRule } from "./approval-rule.js";

/** Per-task changes to one phase; unset fields keep the workflow's. */
export interface PhaseOverride {
  weight?: number;
  approvalRequired?: boolean;
  /** Replaces the workflow's list (it is not merged item by item). */
  deliverables?: Deliverable[];
  timeLimitMs?: number;
  onChange?: "revoke" | "keep";
  approval?: ApprovalRule;
}

/** Values for the placeholders a deliverable path may hold. */
export interface PhaseContext {
  spec: string;
  task: string;
  milestone: string;
}

/**
 * A task's phases: the workflow's, each merged with the task's override, placeholders in file
 * paths filled in. Overrides for phases the workflow lacks are ignored (validation reports them).
 */
export function resolvePhases(
  base: readonly Phase[],
  overrides: Readonly<Record<string, PhaseOverride>>,
  context: PhaseContext,
): Phase[] {
  return base.map((phase) => {
    const override = Object.hasOwn(overrides, phase.id) ? overrides[phase.id]! : {};
    const merged: Phase = {
      ...phase,
      weight: override.weight ?? phase.weight,
      approvalRequired: override.approvalRequired ?? phase.approvalRequired,
      deliverables: (override.deliverables ?? phase.deliverables).map((d) => fillDeliverable(d, context)),
      onChange: override.onChange ?? phase.onChange,
    };
    const approval = override.approval ?? phase.approval;
    if (approval) merged.approval = approval;
    const timeLimitMs = override.timeLimitMs ?? phase.timeLimitMs;
    if (timeLimitMs === undefined) delete merged.timeLimitMs;
    else merged.timeLimitMs = timeLimitMs;
    return merged;
  });
}

function fillDeliverable(deliverable: Deliverable, context: PhaseContext): Deliverable {
  if (deliverable.kind !== "file") return { ...deliverable };
  return {
    ...deliverable,
    path: fillPlaceholders(deliverable.path, context),
    checks: { ...deliverable.checks, headings: [...deliverable.checks.headings] },
  };
}

/** `.kiro/specs/{spec}/design.md` → `.kiro/specs/token-service/design.md`. */
export function fillPlaceholders(path: string, context: PhaseContext): string {
  return path.replace(/\{(spec|task|milestone)\}/g, (_, name: keyof PhaseContext) => context[name]);
}
