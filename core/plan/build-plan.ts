import { ruleFromApprovers, toPrincipal, type ApprovalRule } from "./approval-rule.js";
import type { ApprovalInput } from "./approval-schema.js";
import { findPreset } from "./presets.js";
import { resolvePhases, type PhaseOverride } from "./resolve-phases.js";
import { assignSpecs } from "./assign-specs.js";
import type { DeliverableInput } from "./deliverable-schema.js";
import { isTaskCompliant } from "./legacy-compliance.js";
import { parseDuration } from "./parse-duration.js";
import {
  DEFAULT_FILE_CHECKS,
  type Deliverable,
  type DerivedField,
  type Phase,
  type Plan,
  type PlanSettings,
  type Task,
} from "./plan.js";
import { settingsSchema, type PlanInput } from "./plan-schema.js";
import { mergeSettings, mergeTimeLimit, type PlanDefaults } from "./merge-settings.js";
import type { PhaseInput, PhaseOverrideInput } from "./workflow-schema.js";

export interface BuildContext {
  file: string;
  legacy: boolean;
  derived: DerivedField[];
  /** `.github/phasegate.yml` on the same snapshot: defaults for what the plan leaves unset. */
  defaults?: PlanDefaults | undefined;
}

/** Input the schema and the validator accepted → the `Plan`: defaults filled, phases resolved per task. */
export function buildPlan(input: PlanInput, context: BuildContext): Plan {
  const custom = typeof input.workflow !== "string";
  const base =
    typeof input.workflow === "string"
      ? [...(findPreset(input.workflow)?.phases ?? [])]
      : input.workflow.phases.map(toPhase);
  const { specs } = assignSpecs(input.tasks);
  const tasks = input.tasks.map((task, index): Task => {
    const spec = specs[index]!;
    const overrides: Record<string, PhaseOverride> = {};
    for (const [id, override] of Object.entries(task.kiro_workflow?.phases ?? {}))
      overrides[id] = toOverride(override, `task ${task.id}'s ${id}`);
    return {
      id: task.id,
      title: task.title,
      description: task.description,
      dependencies: [...task.dependencies],
      assignees: [...task.assignees],
      approvers: [...(task.approvers ?? input.approvers)],
      spec,
      phases: resolvePhases(base, overrides, { spec, task: task.id, milestone: input.id }).map((p) => ({
        ...mergeTimeLimit(p, context.defaults),
        approval: resolveRule(input, task, p),
      })),
      compliant: isTaskCompliant(task, context.legacy),
      ...(task.paths && { paths: [...task.paths] }),
      ...(task.source && { source: { file: task.source.file, item: task.source.item } }),
    };
  });
  const plan: Plan = {
    file: context.file,
    version: 1,
    id: input.id,
    title: input.title,
    description: input.description,
    requires: [...(input.dependencies?.requires ?? [])],
    branch: input.branch ?? `milestone/${input.id}`,
    approvers: [...input.approvers],
    workflow: custom ? "custom" : (input.workflow as string),
    settings: toSettings(input.settings, context.defaults),
    tasks,
    derived: context.derived,
  };
  if (input.due !== undefined) plan.due = input.due;
  return plan;
}

/**
 * The rule of one task's gate, most specific first: the task's own (phase override, then `approval`
 * or `approvers`), then the milestone's (the workflow phase's, then `approval` or `approvers`).
 */
function resolveRule(input: PlanInput, task: PlanInput["tasks"][number], phase: Phase): ApprovalRule {
  const override = task.kiro_workflow?.phases?.[phase.id]?.approval;
  if (override) return phase.approval as ApprovalRule;
  if (task.approval) return toRule(task.approval, `task ${task.id}'s approval`);
  if (task.approvers && task.approvers.length > 0)
    return ruleFromApprovers(task.approvers, `task ${task.id}'s approvers`);
  if (phase.approval) return phase.approval;
  if (input.approval) return toRule(input.approval, "the plan's approval");
  return ruleFromApprovers(input.approvers, input.approvers.length > 0 ? "the plan's approvers" : "default");
}

function toRule(groups: ApprovalInput, source: string): ApprovalRule {
  return {
    groups: groups.map((g) => ({
      count: g.count,
      from: [...g.from.map(toPrincipal), ...(g.codeowners ? [{ kind: "codeowners" as const }] : [])],
    })),
    source,
  };
}

function toSettings(given: PlanInput["settings"], defaults: PlanDefaults | undefined): PlanSettings {
  // The schema fills the plan-only settings; the ones the repository file can set stay unset there.
  const input = given ?? settingsSchema.parse({});
  const settings: PlanSettings = {
    ...mergeSettings(input, defaults),
    checkpointMinChanges: input.checkpoint_min_changes,
    claimTtlMs: parseDuration(input.claim_ttl)!,
    teams: { ...defaults?.teams },
  };
  if (input.test_command !== undefined) {
    // A string is split on whitespace, never handed to a shell: no quoting, no expansion.
    settings.testCommand =
      typeof input.test_command === "string" ? input.test_command.trim().split(/\s+/) : [...input.test_command];
  }
  return settings;
}

function toPhase(input: PhaseInput): Phase {
  const phase: Phase = {
    id: input.id,
    title: input.title ?? input.id.charAt(0).toUpperCase() + input.id.slice(1),
    weight: input.weight,
    approvalRequired: input.approval_required,
    deliverables: input.deliverables.map(toDeliverable),
    onChange: input.on_change,
  };
  if (input.approval !== undefined) phase.approval = toRule(input.approval, `workflow ${input.id} approval`);
  if (input.time_limit !== undefined) phase.timeLimitMs = parseDuration(input.time_limit)!;
  return phase;
}

function toOverride(input: PhaseOverrideInput, where: string): PhaseOverride {
  const override: PhaseOverride = {};
  if (input.weight !== undefined) override.weight = input.weight;
  if (input.approval_required !== undefined) override.approvalRequired = input.approval_required;
  if (input.deliverables !== undefined) override.deliverables = input.deliverables.map(toDeliverable);
  if (input.time_limit !== undefined) override.timeLimitMs = parseDuration(input.time_limit)!;
  if (input.on_change !== undefined) override.onChange = input.on_change;
  if (input.approval !== undefined) override.approval = toRule(input.approval, `${where} approval`);
  return override;
}

/** A bare path gets the default checks: exists, not empty, no placeholders; `checks` changes only what it names. */
function toDeliverable(input: DeliverableInput): Deliverable {
  if (typeof input === "string") return { kind: "file", path: input, checks: { ...DEFAULT_FILE_CHECKS, headings: [] } };
  if ("signal" in input) return { kind: "signal", signal: input.signal };
  const checks = input.checks ?? {};
  return {
    kind: "file",
    path: input.path,
    checks: {
      exists: true,
      notEmpty: checks.not_empty ?? DEFAULT_FILE_CHECKS.notEmpty,
      headings: [...(checks.headings ?? [])],
      noPlaceholders: checks.no_placeholders ?? DEFAULT_FILE_CHECKS.noPlaceholders,
      checklistComplete: checks.checklist_complete ?? false,
      hasChecklist: checks.has_checklist ?? false,
      requirements: checks.requirements ?? false,
      requirementsCovered: checks.requirements_covered ?? false,
      sourceItem: checks.source_item ?? false,
    },
  };
}
