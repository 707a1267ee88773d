/**
 * The GitHub side of a milestone, as the Tracker port reads and writes it. State lives in the event
 * log; these objects are its projection, re-rendered idempotently (product.md §9).
 */

export interface TrackedMilestone {
  number: number;
  title: string;
  description: string;
  /** `YYYY-MM-DD` (GitHub stores a timestamp; adapters give the date), or null. */
  dueOn: string | null;
  state: "open" | "closed";
  /** Its page on GitHub (`html_url`): where issue bodies' links to files take the repository's URL. */
  url?: string;
}

export interface TrackedIssue {
  number: number;
  /** The database id: sub-issue and "blocked by" endpoints take it, not the number. */
  id: number;
  title: string;
  body: string;
  state: "open" | "closed";
  stateReason: string | null;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  /** Number of the parent issue when this is a sub-issue. */
  parent: number | null;
  /** How many issues block this one ("blocked by" links), from the issue's dependency summary. */
  blockedByCount: number;
  /** The issue is a pull request. */
  pullRequest: boolean;
}

export interface TrackedLabel {
  name: string;
  /** Six hex digits, no `#`. */
  color: string;
  description: string;
}

export interface Comment {
  id: number;
  author: string;
  body: string;
}

/** What exists now for one milestone. */
export interface Projection {
  milestone?: TrackedMilestone;
  /** Issues carrying the milestone's marker (task issues and the dashboard), open and closed. */
  issues: TrackedIssue[];
  /** Every label of the repository. */
  labels: TrackedLabel[];
}

export interface MilestoneSpec {
  title: string;
  description: string;
  dueOn: string | null;
  state: "open" | "closed";
}

export interface IssueSpec {
  title: string;
  body: string;
  labels: string[];
  assignees: string[];
  milestone: number | null;
  state: "open" | "closed";
  /** With `state: closed`: `completed` or `not_planned`. */
  stateReason?: "completed" | "not_planned" | "reopened";
}

export type ReactionContent = "+1" | "-1" | "laugh" | "confused" | "heart" | "hooray" | "rocket" | "eyes";

export interface CheckRunSpec {
  /** `phasegate/plan` or `phasegate/phase`. */
  name: string;
  sha: string;
  conclusion: "success" | "failure" | "neutral" | "action_required";
  title: string;
  summary: string;
  text?: string;
  annotations?: Annotation[];
}

export interface Annotation {
  path: string;
  line: number;
  column?: number;
  level: "failure" | "warning" | "notice";
  message: string;
  title?: string;
}

/** One write to GitHub. */
export type TrackerOp =
  | { kind: "create-label"; label: TrackedLabel }
  | { kind: "update-label"; name: string; label: TrackedLabel }
  | { kind: "create-milestone"; marker: string; milestone: MilestoneSpec }
  | { kind: "update-milestone"; number: number; milestone: Partial<MilestoneSpec> }
  | { kind: "create-issue"; marker: string; issue: IssueSpec }
  | { kind: "update-issue"; number: number; issue: Partial<IssueSpec> }
  | { kind: "add-sub-issue"; parent: number; child: { number: number; id: number } }
  | { kind: "add-blocked-by"; issue: number; blocker: { number: number; id: number } }
  | { kind: "create-comment"; issue: number; marker: string; body: string }
  | { kind: "update-comment"; id: number; body: string }
  | { kind: "react"; target: { comment: number } | { issue: number }; content: ReactionContent }
  | { kind: "check-run"; check: CheckRunSpec }
  /** A `repository_dispatch` of the App to itself (a long sync continues in the next delivery, ADR 13). */
  | { kind: "dispatch"; eventType: string; payload: Record<string, unknown> }
  | {
      kind: "status";
      sha: string;
      context: string;
      state: "success" | "failure" | "pending" | "error";
      description: string;
    };

/** What a caller already knows of GitHub (from a webhook's payload): the tracker does not read it again. */
export interface KnownProjection {
  /** The milestone as the payload showed it (used only when it carries the milestone's marker). */
  milestone?: TrackedMilestone;
  /** The labels, when they are known to exist as the plan renders them. */
  labels?: TrackedLabel[];
  /**
   * Also find marked issues outside the milestone (moved out by hand, or created before it): done
   * before the sync creates issues, so a moved task issue is found instead of created again.
   */
  thorough?: boolean;
}

export type TrackerResult =
  | { kind: "milestone"; milestone: TrackedMilestone }
  | { kind: "issue"; issue: TrackedIssue }
  | { kind: "label"; label: TrackedLabel }
  | { kind: "comment"; comment: Comment }
  /** A reaction: `created` false when the same one was there already (another replica left it at `createdAt`). */
  | { kind: "reaction"; created: boolean; createdAt?: string }
  | { kind: "done" };
