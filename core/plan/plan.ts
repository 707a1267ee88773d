import type { ApprovalRule } from "./approval-rule.js";

/**
 * A milestone plan after parsing and validation: what should be done.
 * Plans never carry state; state is folded from the event log (see core/events).
 */
export interface Plan {
  /** Repository-relative path of the plan file, e.g. `.milestones/auth-v2.yaml`. */
  file: string;
  version: 1;
  id: string;
  title: string;
  description: string;
  /** ISO date (YYYY-MM-DD) or undefined. */
  due?: string;
  /** Milestones that must be completed before this one may be activated. */
  requires: string[];
  /** Branch that receives checkpoints and the event log. Default `milestone/<id>`. */
  branch: string;
  /** Default approvers for every gate: GitHub logins or `@org/team` slugs. */
  approvers: string[];
  /** Name of the workflow preset, or `custom` for an inline phase list. */
  workflow: string;
  settings: PlanSettings;
  tasks: Task[];
  /** Legacy state fields found in the file (original protocol); reported, never trusted. */
  derived: DerivedField[];
}

export interface PlanSettings {
  /** Let an assignee or claimant approve their own task's gates. Default false. */
  allowSelfApproval: boolean;
  /** Minimum repository permission an approver needs (checked through the forge). Default `write`. */
  minApproverPermission: Permission;
  /** Changed files that trigger an automatic checkpoint. Default 10, as in the original protocol. */
  checkpointMinChanges: number;
  /** How long a claim lasts unless renewed, in milliseconds. Default 4 hours. */
  claimTtlMs: number;
  /**
   * Whether an active milestone starts every ready task by itself (default), or ready tasks wait
   * for someone to `start` or `claim` them (for teams that want the time limits to run from a choice).
   */
  autoStart: boolean;
  /** `@org/team` → logins from `.github/phasegate.yml`'s `teams`, for when the forge cannot tell. */
  teams: Record<string, string[]>;
  /** Local mode: argv of the command whose exit status is the "CI green" signal. Never run through a shell. */
  testCommand?: string[];
}

export type Permission = "read" | "triage" | "write" | "maintain" | "admin";

export interface Task {
  id: string;
  title: string;
  description: string;
  /** Ids of tasks in the same milestone that must be completed first. */
  dependencies: string[];
  assignees: string[];
  /** Approvers for this task's gates; falls back to the plan's. */
  approvers: string[];
  /** Folder name under `.kiro/specs/` for the Kiro preset's deliverables. */
  spec: string;
  /** The task's resolved phases, in order (preset merged with per-task overrides). */
  phases: Phase[];
  /** False when the file did not set `kiro_workflow.enabled: true` (original protocol); `migrate` fixes it. */
  compliant: boolean;
  /** The task-list item this task was imported from; its checkbox is ticked when the task completes. */
  source?: TaskSource;
  /** Patterns (CODEOWNERS syntax) of the code the task owns, for the merge gate; undefined when not declared. */
  paths?: string[];
}

export interface TaskSource {
  /** Repository-relative path of the task list (a Kiro, cc-sdd or Spec Kit `tasks.md`). */
  file: string;
  /** The item's id as written in that file (`2`, `T012`). */
  item: string;
}

export interface Phase {
  id: string;
  title: string;
  /** Percentage of the task this phase is worth; a task's phases sum to 100. */
  weight: number;
  approvalRequired: boolean;
  deliverables: Deliverable[];
  /** A task longer than this in the phase is a blocker. Milliseconds; undefined = no limit. */
  timeLimitMs?: number;
  /** What a change to approved deliverables does to the approval. Default `revoke`. */
  onChange: "revoke" | "keep";
  /**
   * Who must approve the gate, resolved for the task: the task's phase override, else the task's
   * `approval` or `approvers`, else the workflow phase's `approval`, else the plan's `approval` or
   * `approvers`, else one approval from any collaborator. Undefined until resolved (presets).
   */
  approval?: ApprovalRule;
}

export type Deliverable = FileDeliverable | SignalDeliverable;

export interface FileDeliverable {
  kind: "file";
  /** Repository-relative, normalised, confined to the repository. */
  path: string;
  checks: FileChecks;
}

export interface FileChecks {
  exists: true;
  notEmpty: boolean;
  /** Markdown headings that must be present (text without the leading #s, case-insensitive). */
  headings: string[];
  /** Reject `TODO`, `TBD`, `[NEEDS CLARIFICATION]` and similar markers. */
  noPlaceholders: boolean;
  /** Every non-optional checkbox item in the file is done (Kiro / Spec Kit tasks.md). */
  checklistComplete: boolean;
  /** At least one checkbox item exists (a task list was written). */
  hasChecklist: boolean;
  /** Numbered requirements, each with acceptance criteria (Kiro requirements.md). */
  requirements: boolean;
  /** Every requirement of the folder's requirements.md / spec.md is referenced by a task of its tasks.md. */
  requirementsCovered: boolean;
  /** The task's `source` item in this task list is done: its required sub-items, or itself when it has none. */
  sourceItem: boolean;
}

export interface SignalDeliverable {
  kind: "signal";
  /** `ci_green`: checks on the milestone branch pass (locally: the test command exits 0). `pr_merged`: a PR linked to the task merged. */
  signal: "ci_green" | "pr_merged";
}

export interface DerivedField {
  /** Dotted path of the field in the file, e.g. `tasks[0].status`. */
  path: string;
  line: number;
  column: number;
}

/** The phases of the default `kiro` workflow, in order. */
export const KIRO_PHASES = ["design", "spec", "task", "execute"] as const;

/** Checks of a file deliverable written as a bare path: it exists, is not empty, holds no placeholders. */
export const DEFAULT_FILE_CHECKS: Readonly<FileChecks> = {
  exists: true,
  notEmpty: true,
  headings: [],
  noPlaceholders: true,
  checklistComplete: false,
  hasChecklist: false,
  requirements: false,
  requirementsCovered: false,
  sourceItem: false,
};
