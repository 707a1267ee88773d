/** Fields every parsed command carries: where it was, for the reply that quotes it. */
interface At {
  /** The command's line as written, trimmed: replies quote it. */
  line: string;
  /** 1-based line number in the comment. */
  lineNumber: number;
}

/** Verbs that take no arguments (trailing words are ignored, as Prow's plugins do). */
export type PlainVerb = "unhold" | "release" | "activate" | "resume" | "status" | "help" | "scan" | "sync";

/**
 * One command found in a comment. `task` on `approve` names the task when the comment is on the
 * dashboard (`/approve T2`); on a task issue the issue names it.
 */
export type ParsedCommand =
  | (At & { verb: "approve"; task?: string; phase?: string })
  | (At & { verb: "cancel-approval"; task?: string; phase?: string })
  /** `/start [task]`: start a ready task now; on the dashboard it names the task. */
  | (At & { verb: "start"; task?: string })
  /** `/explain [task] [phase]`: a dry run of the gate's rule, as `phasegate explain`. */
  | (At & { verb: "explain"; task?: string; phase?: string })
  | (At & { verb: "reject"; reason: string })
  /** `/override-gate <reason>`: on a pull request into the default branch (a maintainer). */
  | (At & { verb: "override-gate"; reason: string })
  | (At & { verb: "hold" | "pause"; reason?: string })
  | (At & { verb: "claim"; ttl?: string; ttlMs?: number })
  | (At & { verb: PlainVerb })
  /** A known verb with unusable arguments (`/reject` without a reason, `/claim forever`). */
  | (At & { verb: "invalid"; command: string; problem: string })
  /** `/something` Phasegate does not know: the App answers with the help. */
  | (At & { verb: "unknown"; command: string });
