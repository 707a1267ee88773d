import type { Json, LogEvent } from "../events/event.js";
import { checkpointOf } from "../events/fold.js";
import type { Checkpoint, MilestoneState } from "../events/state.js";

/**
 * WorkTree.reaches: `reached` (in the history asked about), `rewritten` (not in it, but a commit there
 * since they parted names it: a rebase copied it), `off-branch`, `missing` (git lacks it), `cannot-tell`.
 */
export type CommitReach = "reached" | "rewritten" | "off-branch" | "missing" | "cannot-tell";

/** The last checkpoint names a commit its branch does not hold (ADR 39). */
export interface LostCheckpoint {
  commit: string;
  reach: "off-branch" | "missing";
  /** Why, in words for the log's `reason` and for a finding. */
  reason: string;
  /** The log line of the `auto_commit` that named it. */
  line?: number;
}

const COMMIT_ID = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Whether the last checkpoint names a commit (checkpoints through the API name none: nothing to check). */
export function checkableCheckpoint(state: MilestoneState): string | undefined {
  const commit = state.lastCheckpoint?.commit;
  return commit !== undefined && COMMIT_ID.test(commit) ? commit : undefined;
}

/**
 * The last checkpoint's commit is lost when git does not have it or has it off the branch. `seen`:
 * whether the branch's committed log holds the event naming it (then the branch had the commit once,
 * and a rebase or a forced update took it out of its history; else the checkpoint stopped before the
 * branch moved to it: killed, a power loss).
 */
export function judgeCheckpointReach(
  commit: string,
  reach: CommitReach,
  branch: string,
  seen: boolean,
): LostCheckpoint | undefined {
  if (reach !== "off-branch" && reach !== "missing") return undefined;
  const short = commit.slice(0, 12);
  const how = seen
    ? `${branch} held it once: a rebase or a forced update took it out of the branch's history`
    : `the checkpoint that named it stopped before ${branch} moved to it`;
  const what =
    reach === "missing"
      ? `commit ${short} is not in this repository (git removes a commit no branch holds)`
      : `commit ${short} is not in the history of ${branch}`;
  return { commit, reach, reason: `${what}; ${how}` };
}

/**
 * The checkpoints recorded before the last one (`commit`), newest first: every `auto_commit` naming
 * a commit, except those a later `auto_commit` with `reached_branch: false` withdrew. The one to
 * make the last again is the newest of these the branch still holds.
 */
export function earlierCheckpoints(events: readonly LogEvent[], commit: string): Checkpoint[] {
  const withdrawn = new Set([commit]);
  const found: Checkpoint[] = [];
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i] as LogEvent;
    const named = event.details.commit;
    if (event.event !== "auto_commit" || typeof named !== "string" || !COMMIT_ID.test(named)) continue;
    if (event.details.reached_branch === false) withdrawn.add(named);
    else if (!withdrawn.has(named)) {
      withdrawn.add(named); // a commit named twice counts once, at its newest
      found.push(checkpointOf(event));
    }
  }
  return found;
}

/**
 * The details of the `auto_commit` that withdraws a checkpoint whose commit the branch did not take:
 * the same commit, `reached_branch: false`, why, and the checkpoint that is the last again (null: none).
 */
export function withdrawalDetails(
  commit: string,
  reason: string,
  before: Checkpoint | undefined,
  log: string,
): { [key: string]: Json } {
  const last_checkpoint = before ? { ...before } : null;
  return { commit, reached_branch: false, reason, files_changed: 0, last_checkpoint, log };
}

/** The `auto_commit` event (not a withdrawal) naming `commit`, newest first. */
export function findCheckpointEvent(events: readonly LogEvent[], commit: string): LogEvent | undefined {
  return events.findLast(
    (e) => e.event === "auto_commit" && e.details.commit === commit && e.details.reached_branch !== false,
  );
}
