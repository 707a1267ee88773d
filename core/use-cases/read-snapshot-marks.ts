import { parse } from "yaml";
import type { SnapshotMark } from "../events/check-snapshots.js";
import type { Repo } from "../ports.js";

/** How many of the newest snapshot files are compared with the log on every read. */
const NEWEST = 20;

/**
 * Log positions recorded by this milestone's newest session snapshots. Unreadable or foreign
 * snapshots are skipped: they are evidence, not state.
 */
export async function readSnapshotMarks(repo: Repo, milestoneId: string): Promise<SnapshotMark[]> {
  const files = (await repo.list(".milestones/sessions"))
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .reverse();
  const marks: SnapshotMark[] = [];
  for (const file of files.slice(0, NEWEST)) {
    const text = (await repo.read(file))?.text;
    let doc: { session?: { milestone_id?: unknown }; log?: { seq?: unknown; head?: unknown } } | undefined;
    try {
      doc = text === undefined ? undefined : parse(text);
    } catch {
      continue;
    }
    const { seq, head } = doc?.log ?? {};
    if (doc?.session?.milestone_id !== milestoneId || typeof seq !== "number" || typeof head !== "string") continue;
    marks.push({ file, seq, head });
  }
  return marks;
}
