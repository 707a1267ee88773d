import type { LogEvent } from "./event.js";
import type { LogProblem } from "./parse-log.js";

interface Decisions {
  approved?: LogEvent;
  rejected?: LogEvent;
}

/**
 * Decisions two clones made apart that contradict each other: after a `logs_merged` event, one side
 * approved a phase the other rejected. The merge keeps both (no event is ever lost, ADR 10) and the
 * fold replays them in order, so the result depends on who merged: neither decision stands, and
 * the finding holds until someone decides that phase again after the merge. `events` are the log's
 * events in line order, or only its decisions and merges (what LogAuditor keeps): sides are found by seq.
 */
export function findDecisionConflicts(events: readonly LogEvent[]): LogProblem[] {
  const findings: LogProblem[] = [];
  for (const merge of events) {
    if (merge.event !== "logs_merged") continue;
    const common = Number(merge.details.common);
    const added = Number(merge.details.added);
    if (!Number.isInteger(common) || !Number.isInteger(added)) continue;
    const ours = decisionsOf(events.filter((e) => e.seq > common && e.seq < merge.seq));
    const theirs = decisionsOf(events.filter((e) => e.seq > merge.seq && e.seq <= merge.seq + added));
    const after = events.filter((e) => e.seq > merge.seq + added);
    for (const [key, mine] of ours) {
      const other = theirs.get(key);
      if (!other) continue;
      const pair =
        mine.approved && other.rejected
          ? [mine.approved, other.rejected]
          : mine.rejected && other.approved
            ? [other.approved, mine.rejected]
            : undefined;
      if (!pair) continue;
      const [approved, rejected] = pair as [LogEvent, LogEvent];
      if (after.some((e) => isDecision(e) && keyOf(e) === key)) continue; // decided again since
      const line = Math.max(approved.seq, rejected.seq);
      const where = key.replace("\0", " ");
      findings.push({
        line,
        message:
          `line ${line}: conflicting decisions on ${where} from two clones merged at line ${merge.seq}: ` +
          `approved by ${approved.actor} (line ${approved.seq}) and rejected by ${rejected.actor} (line ${rejected.seq}); ` +
          `the phase needs a new decision`,
      });
    }
  }
  return findings;
}

function decisionsOf(events: readonly LogEvent[]): Map<string, Decisions> {
  const map = new Map<string, Decisions>();
  for (const e of events) {
    if (!isDecision(e)) continue;
    const entry = map.get(keyOf(e)) ?? map.set(keyOf(e), {}).get(keyOf(e))!;
    if (e.event === "phase_approved") entry.approved ??= e;
    else entry.rejected ??= e;
  }
  return map;
}

/** An approval or a rejection of a task's phase. */
export function isDecision(e: LogEvent): boolean {
  return (e.event === "phase_approved" || e.event === "phase_rejected") && e.task_id !== undefined;
}

function keyOf(e: LogEvent): string {
  return `${e.task_id}\0${e.phase ?? ""}`;
}
