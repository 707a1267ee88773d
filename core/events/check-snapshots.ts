import type { LogProblem } from "./parse-log.js";

/** Where in the log a session snapshot was taken (`log:` in `.milestones/sessions/<id>.yaml`). */
export interface SnapshotMark {
  file: string;
  seq: number;
  head: string;
}

/**
 * The chain proves no line was edited, but not that none was removed from the end. Session
 * snapshots remember how long the log was and its last hash: a log shorter than a snapshot saw,
 * or with another line at that position, lost or rewrote its tail.
 */
export function checkSnapshots(hashes: readonly string[], marks: readonly SnapshotMark[]): LogProblem | undefined {
  for (const mark of [...marks].sort((a, b) => b.seq - a.seq)) {
    if (mark.seq > hashes.length) {
      return {
        line: hashes.length + 1,
        message: `the log ends at line ${hashes.length} but ${mark.file} saw ${mark.seq} lines: lines were removed from the end`,
      };
    }
    if (mark.seq > 0 && hashes[mark.seq - 1] !== mark.head) {
      return { line: mark.seq, message: `line ${mark.seq} is not the one ${mark.file} recorded` };
    }
  }
  return undefined;
}
