/**
 * Events: every change of state is one line of `.milestones/logs/<milestone-id>.jsonl`.
 * Names keep the original protocol's where it had them; the rest are what the phases need.
 */
export const EVENT_NAMES = [
  // milestone lifecycle (original: milestone_activated)
  "milestone_activated",
  "milestone_paused",
  "milestone_resumed",
  "milestone_completed",
  // task and phase lifecycle (original: kiro_task_completed)
  "phase_started",
  "deliverables_validated",
  "phase_approved",
  "phase_rejected",
  "approval_revoked",
  "phase_completed",
  "kiro_task_completed",
  "task_claimed",
  "task_released",
  "claim_expired",
  "task_held",
  "task_unheld",
  // tracking (original names)
  "progress_updated",
  "session_saved",
  "session_resumed",
  "dependency_blocker",
  "task_dependency_blocker",
  "blocker_detected",
  "blocker_resolved",
  "blockers_escalated",
  "auto_commit",
  // a maintainer let one pull request's head past `phasegate/gate` (`/override-gate <reason>`)
  "gate_overridden",
  // two copies of the log joined (merge driver, ADR 10); the fold ignores it
  "logs_merged",
  // a damaged log repaired (`phasegate log repair --yes`), naming what was dropped; the fold ignores it
  "log_repaired",
] as const;

export type EventName = (typeof EVENT_NAMES)[number];

/** JSON values allowed in `details`. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What a use case decides to record; the log adds seq, timestamp, prev and hash. */
export interface NewEvent {
  event: EventName;
  actor: string;
  task_id?: string;
  phase?: string;
  details?: { [key: string]: Json };
}

/** One line of the event log, as written. Field order is fixed (see serialize-event.ts). */
export interface LogEvent {
  v: 1;
  /** 1-based position in the log. */
  seq: number;
  /** ISO 8601 UTC. */
  timestamp: string;
  event: EventName;
  milestone_id: string;
  session_id: string;
  actor: string;
  task_id?: string;
  phase?: string;
  details: { [key: string]: Json };
  /** `hash` of the previous line; 64 zeros for the first line. */
  prev: string;
  /** sha256 of this line's canonical text without the hash field. */
  hash: string;
}

export const GENESIS_HASH = "0".repeat(64);
