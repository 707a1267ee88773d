import { findPreset } from "./presets.js";
import { baseName, fileStem } from "./file-stem.js";
import { assignSpecs } from "./assign-specs.js";
import { didYouMean } from "./did-you-mean.js";
import { checkTaskGraph } from "./check-task-graph.js";
import { isTaskCompliant } from "./legacy-compliance.js";
import type { PathSegment } from "./locate.js";
import { GITHUB_TITLE_MAX } from "./plan-patterns.js";
import type { PlanReporter } from "./plan-reporter.js";
import type { PlanInput } from "./plan-schema.js";
import type { ApprovalInput } from "./approval-schema.js";

export interface ValidateContext {
  file: string;
  /** The file has no `version`: the original protocol's shape. */
  legacy: boolean;
  knownMilestones?: readonly string[] | undefined;
  reporter: PlanReporter;
}

/** The rules that span fields, run on data the schema has accepted. */
export function validatePlan(input: PlanInput, context: ValidateContext): void {
  const { reporter, file } = context;
  checkIdMatchesFile(input.id, context);
  checkRequires(input.id, input.dependencies?.requires ?? [], context);
  const phaseIds = checkWorkflow(input, reporter);
  checkDuplicates(["approvers"], input.approvers, reporter);
  checkApproval([], input.approvers.length > 0, input.approval, reporter);
  if (typeof input.workflow !== "string")
    input.workflow.phases.forEach((p, i) => checkApproval(["workflow", "phases", i], false, p.approval, reporter));
  checkTaskGraph(input.tasks, reporter);
  input.tasks.forEach((task, index) => {
    const at: PathSegment[] = ["tasks", index];
    const issueTitle = `${task.id}: ${task.title}`;
    if (issueTitle.length > GITHUB_TITLE_MAX) {
      reporter.error(
        [...at, "title"],
        `the issue title \`${task.id}: …\` would be ${issueTitle.length} characters; GitHub allows ${GITHUB_TITLE_MAX}`,
        {
          code: "title-too-long",
          hint: `shorten the title to ${GITHUB_TITLE_MAX - task.id.length - 2} characters or fewer`,
        },
      );
    }
    checkDuplicates([...at, "assignees"], task.assignees, reporter);
    if (task.approvers) checkDuplicates([...at, "approvers"], task.approvers, reporter);
    checkApproval(at, (task.approvers ?? []).length > 0, task.approval, reporter);
    for (const [id, override] of Object.entries(task.kiro_workflow?.phases ?? {}))
      checkApproval([...at, "kiro_workflow", "phases", id], false, override.approval, reporter);
    checkOverrides(task, at, phaseIds, input.workflow, reporter);
    if (!isTaskCompliant(task, context.legacy)) {
      const disabled = task.kiro_workflow?.enabled === false;
      reporter.warning(
        disabled ? [...at, "kiro_workflow", "enabled"] : at,
        `task \`${task.id}\` is not compliant: ${disabled ? "it sets `kiro_workflow.enabled: false`" : "it does not set `kiro_workflow.enabled: true`"}, so the milestone cannot be activated`,
        {
          code: "not-compliant",
          hint: `run \`phasegate migrate ${file}\``,
        },
      );
    }
  });
  for (const [first, second] of assignSpecs(input.tasks).shared) {
    reporter.warning(
      ["tasks", second, "spec"],
      `tasks \`${input.tasks[first]!.id}\` and \`${input.tasks[second]!.id}\` share the spec folder \`${input.tasks[second]!.spec}\``,
      {
        code: "shared-spec",
        hint: "their phases check the same files; give each task its own `spec` unless that is intended",
      },
    );
  }
}

/** A plan's `id` is its file's name (`.milestones/<id>.yaml`). */
export function checkIdMatchesFile(id: string, { file, reporter }: ValidateContext): void {
  const stem = fileStem(file);
  if (id === stem) return;
  reporter.error(["id"], `id \`${id}\` does not match the file name \`${baseName(file)}\``, {
    code: "id-file-mismatch",
    hint: `rename the file to \`${id}.yaml\` or write \`id: ${stem}\``,
  });
}

/** `dependencies.requires`: no repeats, not itself, and (when the shell knows them) existing milestones. */
export function checkRequires(
  milestone: string,
  requires: readonly string[],
  { knownMilestones, reporter }: ValidateContext,
): void {
  const path = ["dependencies", "requires"];
  checkDuplicates(path, requires, reporter);
  requires.forEach((id, index) => {
    if (id === milestone) {
      reporter.error([...path, index], `milestone \`${id}\` requires itself`, {
        code: "self-dependency",
        hint: "remove it from `requires`",
      });
    } else if (knownMilestones && !knownMilestones.includes(id)) {
      const guess = didYouMean(id, knownMilestones);
      reporter.error([...path, index], `milestone \`${id}\` is not a known milestone`, {
        code: "unknown-milestone",
        hint: guess ? `did you mean \`${guess}\`?` : "plans live in `.milestones/<id>.yaml`; check the id",
      });
    }
  });
}

/** Inline workflows: unique phase ids, weights summing to 100. Returns the workflow's phase ids. */
function checkWorkflow(input: PlanInput, reporter: PlanReporter): string[] {
  if (typeof input.workflow === "string") return findPreset(input.workflow)?.phases.map((p) => p.id) ?? [];
  const phases = input.workflow.phases;
  checkDuplicates(
    ["workflow", "phases"],
    phases.map((p) => p.id),
    reporter,
    (index) => ["workflow", "phases", index, "id"],
    "duplicate-id",
  );
  checkWeights(
    ["workflow", "phases"],
    phases.map((p) => [p.id, p.weight]),
    reporter,
  );
  return phases.map((p) => p.id);
}

function checkOverrides(
  task: PlanInput["tasks"][number],
  at: PathSegment[],
  phaseIds: string[],
  workflow: PlanInput["workflow"],
  reporter: PlanReporter,
): void {
  const overrides = task.kiro_workflow?.phases ?? {};
  const path = [...at, "kiro_workflow", "phases"];
  for (const key of Object.keys(overrides)) {
    if (phaseIds.includes(key)) continue;
    const guess = didYouMean(key, phaseIds);
    reporter.error(
      [...path, key],
      `\`${key}\` is not a phase of the ${typeof workflow === "string" ? `\`${workflow}\`` : "inline"} workflow`,
      {
        code: "unknown-phase",
        hint: guess ? `did you mean \`${guess}\`?` : `phases are ${phaseIds.map((id) => `\`${id}\``).join(", ")}`,
        at: "key",
      },
    );
  }
  if (!Object.values(overrides).some((o) => o.weight !== undefined)) return;
  const base = typeof workflow === "string" ? (findPreset(workflow)?.phases ?? []) : workflow.phases;
  checkWeights(
    path,
    base.map((p) => [p.id, overrides[p.id]?.weight ?? p.weight]),
    reporter,
  );
}

function checkWeights(path: PathSegment[], weights: Array<[string, number]>, reporter: PlanReporter): void {
  const sum = weights.reduce((total, [, weight]) => total + weight, 0);
  if (sum === 100) return;
  reporter.error(path, `phase weights sum to ${sum}; they must sum to 100`, {
    code: "weights-sum",
    hint: `weights now: ${weights.map(([id, weight]) => `${id} ${weight}`).join(", ")}`,
  });
}

/**
 * An `approval` rule can be met, and is the only rule at its level: `approvers` beside it would be
 * ignored silently. A group of people alone cannot ask more approvals than it has people.
 */
function checkApproval(
  at: PathSegment[],
  hasApprovers: boolean,
  approval: ApprovalInput | undefined,
  reporter: PlanReporter,
): void {
  if (!approval) return;
  if (hasApprovers) {
    reporter.error([...at, "approvers"], "`approvers` and `approval` are both set; `approval` replaces `approvers`", {
      code: "approval-conflict",
      hint: "move the approvers into a group: `approval: [{ from: [...] }]`",
    });
  }
  approval.forEach((group, index) => {
    checkDuplicates([...at, "approval", index, "from"], group.from, reporter);
    const people = new Set(
      group.from.filter((f) => !f.startsWith("@") || !f.includes("/")).map((f) => f.toLowerCase()),
    );
    const onlyPeople = !group.codeowners && group.from.length > 0 && people.size === group.from.length;
    if (onlyPeople && group.count > people.size) {
      reporter.error(
        [...at, "approval", index, "count"],
        `asks ${group.count} approvals from ${people.size} ${people.size === 1 ? "person" : "people"}`,
        {
          code: "approval-unreachable",
          hint: `lower \`count\` to ${people.size} or add people or a team to \`from\``,
        },
      );
    }
  });
}

/** Lists hold each entry once; a repeat is a slip that would, e.g., double-count an approver. */
export function checkDuplicates(
  path: PathSegment[],
  values: readonly string[],
  reporter: PlanReporter,
  at: (index: number) => PathSegment[] = (index) => [...path, index],
  code: "duplicate-entry" | "duplicate-id" = "duplicate-entry",
): void {
  const first = new Map<string, number>();
  values.forEach((value, index) => {
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, index);
    else
      reporter.error(at(index), `\`${value}\` is listed twice (also at index ${earlier})`, {
        code,
        hint: "remove the repeat",
      });
  });
}
