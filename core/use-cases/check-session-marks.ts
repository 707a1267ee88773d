import { parse } from "yaml";
import { checkSnapshots, type SnapshotMark } from "../events/check-snapshots.js";
import { identityOf } from "../events/merge-logs.js";
import type { EvidenceCheck } from "./check-log-history.js";
import type { MilestoneHandle } from "./milestone-handle.js";

const SESSIONS = ".milestones/sessions";

/**
 * The session snapshots as evidence: each `.milestones/sessions/<id>.yaml` of this milestone records
 * how long the log was and its head when it was saved (save-session.ts). A log shorter than that,
 * or with another line there, lost or rewrote lines the snapshot saw. A merge re-seals one side's
 * events (ADR 10), so a head found under its identity elsewhere in the log still counts as there.
 * A `log repair` after the lines in question makes it a note.
 */
export async function checkSessionMarks(handle: MilestoneHandle): Promise<EvidenceCheck> {
  if (handle.logProblem) return { findings: [], notes: [] };
  const events = await handle.verifiedEvents();
  const identities = new Set(events.map(identityOf));
  const marks: SnapshotMark[] = [];
  for (const name of await handle.work.list(SESSIONS)) {
    const file = name.includes("/") ? name : `${SESSIONS}/${name}`;
    if (!/\.ya?ml$/.test(file)) continue;
    const mark = readMark(file, (await handle.work.read(file))?.text, handle.plan.id);
    if (!mark) continue;
    if (events[mark.seq - 1]?.hash !== mark.head && identities.has(mark.head) && mark.seq <= events.length) continue;
    marks.push(mark);
  }
  const problem = checkSnapshots(
    events.map((e) => e.hash),
    marks,
  );
  if (!problem) return { findings: [], notes: [] };
  // A `log repair` that dropped lines a snapshot saw says so in the log: a note, as in checkLogHistory.
  const repaired = events.findLast((e) => e.event === "log_repaired");
  if (repaired && repaired.seq >= problem.line)
    return {
      findings: [],
      notes: [`${problem.message}; line ${repaired.seq} records the \`log repair\` that dropped them`],
    };
  return { findings: [problem], notes: [] };
}

/** The `log:` mark of a session snapshot of milestone `id`, or undefined (another milestone's, unreadable). */
function readMark(file: string, text: string | undefined, id: string): SnapshotMark | undefined {
  if (text === undefined) return undefined;
  try {
    const doc = parse(text) as { session?: { milestone_id?: unknown }; log?: { seq?: unknown; head?: unknown } } | null;
    const { seq, head } = doc?.log ?? {};
    if (doc?.session?.milestone_id !== id || typeof seq !== "number" || typeof head !== "string") return undefined;
    return { file, seq, head };
  } catch {
    return undefined;
  }
}
