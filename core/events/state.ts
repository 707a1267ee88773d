import type { LogEvent } from "./event.js";

export type MilestoneStatus = "planned" | "in_progress" | "paused" | "blocked" | "completed";
export type TaskStatus = "pending" | "ready" | "in_progress" | "completed";
export type PhaseStatus = "pending" | "active" | "completed";

/** An approval as recorded: who, in which role, and exactly what they saw. */
export interface Approval {
  by: string;
  role: string;
  at: string;
  seq: number;
  commit: string;
  tree: string;
  /** Digest of the phase's deliverables at approval time. */
  digest: string;
  /** The deliverables' paths and versions the digest is over (absent in approvals recorded before they were). */
  files?: { path: string; version: string | null }[];
  via: string;
}

export interface Rejection {
  by: string;
  at: string;
  reason: string;
}

export interface PhaseState {
  id: string;
  status: PhaseStatus;
  startedAt?: string;
  completedAt?: string;
  /** Digest of the deliverables the last time they validated. */
  validatedDigest?: string;
  approvals: Approval[];
  rejections: Rejection[];
  /** Approvers whose approval stopped counting because the deliverables changed after it (until they approve again). */
  revoked?: string[];
  /**
   * Approvals that stopped counting (a change, a cancel, a rejection), the last one per approver until
   * they approve again: what each of them last saw, so their next approval can show what changed.
   */
  earlier?: Approval[];
}

export interface Claim {
  by: string;
  at: string;
  expiresAt: string;
}

export interface Hold {
  by: string;
  at: string;
  reason: string;
}

export interface TaskState {
  id: string;
  status: TaskStatus;
  /** Id of the active phase; undefined before the task starts and after it completes. */
  phase?: string;
  phases: PhaseState[];
  /** Sum of the weights of completed phases, 0–100. */
  progress: number;
  claim?: Claim;
  hold?: Hold;
  /**
   * Everyone who claimed the task or started it by hand, lowercased: with the plan's assignees, the
   * task's authors, who may not approve it (self-approval). Releasing a claim does not remove anyone.
   */
  authors: string[];
  startedAt?: string;
  completedAt?: string;
}

export type BlockerType =
  | "test_failures"
  | "git_conflicts"
  | "long_running_task"
  | "task_dependency"
  | "milestone_dependency"
  | "disk_space"
  | "log_tampered"
  | "claim_expired";

/** A condition that stops progress. `id` is stable across scans so each blocker is escalated once. */
export interface Blocker {
  id: string;
  type: BlockerType;
  message: string;
  taskId?: string;
  detectedAt?: string;
}

export interface SessionRef {
  id: string;
  savedAt: string;
  reason: string;
  file: string;
  seq: number;
}

/** A maintainer's `/override-gate`: `phasegate/gate` passes for this pull request at this head only. */
export interface GateOverride {
  pr: number;
  sha: string;
  reason: string;
  by: string;
  at: string;
}

/** A checkpoint as the log recorded it: its commit, when, and how many files it took. */
export interface Checkpoint {
  commit: string;
  at: string;
  files: number;
}

export interface MilestoneState {
  id: string;
  status: MilestoneStatus;
  /** Mean of task progress, 0–100. */
  progress: number;
  tasks: TaskState[];
  /** Open blockers, in the order they were detected. */
  blockers: Blocker[];
  sessions: SessionRef[];
  activatedAt?: string;
  completedAt?: string;
  lastCheckpoint?: Checkpoint;
  /** Number of events folded, and the hash of the last one. */
  seq: number;
  head: string;
  /** The last few events, newest last, for dashboards. */
  recent: LogEvent[];
  /** Merge-gate overrides, oldest first; absent until the first one. */
  overrides?: GateOverride[];
  /** Events that did not apply to the current plan (a task removed, a phase renamed). */
  ignored: { seq: number; reason: string }[];
}
