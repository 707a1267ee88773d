import { checkLogGrowth } from "../events/check-log-growth.js";
import type { LogEvent } from "../events/event.js";
import { identityOf } from "../events/merge-logs.js";
import { parseLog, type LogProblem } from "../events/parse-log.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/** What a check of the log against other evidence found: problems (exit 1) and notes. */
export interface EvidenceCheck {
  findings: LogProblem[];
  notes: string[];
}

/**
 * The log's git history as evidence (issue 15, item 9): every committed version of the log must have
 * grown from the versions before it (checkLogGrowth; a merge keeps both sides' events), and the log
 * being verified must have grown from the version committed at the work snapshot's commit. Re-sealing
 * edited lines and rewriting the witness in `.git` does not reach commits already made, so such an
 * edit shows up here; rewriting the history as well is out of this check's reach. A `log repair` that
 * dropped lines is recorded by its `log_repaired` event and reported as a note. Needs
 * `Repo.fileHistory` (a local clone); elsewhere finds nothing.
 */
export async function checkLogHistory(ctx: Context, handle: MilestoneHandle): Promise<EvidenceCheck> {
  const found: EvidenceCheck = { findings: [], notes: [] };
  const head = handle.work.revision?.commit;
  const path = logPath(handle.plan.id);
  if (!ctx.repo.fileHistory || head === undefined) return found;
  const history = await ctx.repo.fileHistory(head, path);
  const versions = new Map<string, LogEvent[]>();
  const eventsAt = async (commit: string): Promise<{ events: LogEvent[]; whole: boolean }> => {
    const text = (await (await ctx.repo.snapshot(commit)).read(path))?.text ?? "";
    const parsed = parseLog(text, handle.plan.id);
    versions.set(commit, parsed.events);
    return { events: parsed.events, whole: parsed.problem === undefined };
  };
  const compare = (before: LogEvent[], after: LogEvent[], where: string, at: string) => {
    const growth = checkLogGrowth(before, after, where);
    if (growth.ok) return;
    const repaired = after.find(
      (e) => e.event === "log_repaired" && !before.some((b) => identityOf(b) === identityOf(e)),
    );
    if (repaired) {
      found.notes.push(`${at}: ${growth.message}; line ${repaired.seq} records the \`log repair\` that dropped them`);
    } else found.findings.push({ line: growth.line, message: `${at}: ${growth.message}` });
  };
  for (const { commit, parents } of history) {
    const { events, whole } = await eventsAt(commit);
    // A version that does not verify is reported by whoever reads it; compare what it does verify.
    if (!whole) continue;
    for (const parent of parents) {
      const before = versions.get(parent) ?? (await eventsAt(parent)).events;
      compare(before, events, `the log at commit ${parent.slice(0, 7)}`, `commit ${commit.slice(0, 7)}`);
    }
  }
  if (handle.logProblem) return found;
  const committed = versions.get(head) ?? (await eventsAt(head)).events;
  compare(committed, [...(await handle.verifiedEvents())], `the log committed at ${head.slice(0, 7)}`, path);
  return found;
}
