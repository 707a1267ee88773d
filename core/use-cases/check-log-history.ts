import { checkLogGrowth } from "../events/check-log-growth.js";
import type { LogEvent } from "../events/event.js";
import { identityOf } from "../events/merge-logs.js";
import { normaliseLog, parseLog, type LogProblem } from "../events/parse-log.js";
import type { Plan } from "../plan/plan.js";
import type { Snapshot } from "../ports.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";

/** The log a check reads (a MilestoneHandle): where it is, the work it was read from, its verified events. */
export interface VerifiedLog {
  readonly plan: Pick<Plan, "id" | "branch">;
  readonly work: Snapshot;
  readonly logProblem: LogProblem | undefined;
  verifiedEvents(): Promise<readonly LogEvent[]>;
}

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
/** How many versions of the log are read ahead of the one compared. */
const READ_AHEAD = 16;

export async function checkLogHistory(ctx: Context, handle: VerifiedLog): Promise<EvidenceCheck> {
  const found: EvidenceCheck = { findings: [], notes: [] };
  const head = handle.work.revision?.commit;
  const path = logPath(handle.plan.id);
  if (!ctx.repo.fileHistory || head === undefined) return found;
  const history = await ctx.repo.fileHistory(head, path);
  // Each version's text is kept only until its last child has been compared with it.
  const uses = new Map<string, number>([[head, 1]]);
  for (const { parents } of history) for (const p of parents) uses.set(p, (uses.get(p) ?? 0) + 1);
  const texts = new Map<string, Promise<string>>();
  const blobs = new Map(history.map((v) => [v.commit, v.blob]));
  const readAt = async (commit: string): Promise<string> => {
    const text = blobs.has(commit)
      ? await readBlob(ctx, blobs.get(commit))
      : (await (await ctx.repo.snapshot(commit)).read(path))?.text;
    return normaliseLog(text ?? "").text;
  };
  const textAt = (commit: string): Promise<string> => {
    let text = texts.get(commit);
    if (!text) {
      text = readAt(commit);
      texts.set(commit, text);
    }
    return text;
  };
  const release = (commit: string) => {
    const left = (uses.get(commit) ?? 1) - 1;
    uses.set(commit, left);
    if (left <= 0) texts.delete(commit);
  };
  const compare = (
    before: string,
    after: string,
    afterEvents: () => readonly LogEvent[],
    where: string,
    at: string,
  ) => {
    // The usual case, a log that only grew: its old bytes are the start of its new ones; nothing to parse.
    if (after.startsWith(before)) return;
    const old = parseLog(before, handle.plan.id).events;
    const now = afterEvents();
    const growth = checkLogGrowth(old, now, where);
    if (growth.ok) return;
    const known = new Set(old.map(identityOf));
    const repaired = now.find((e) => e.event === "log_repaired" && !known.has(identityOf(e)));
    if (repaired) {
      found.notes.push(`${at}: ${growth.message}; line ${repaired.seq} records the \`log repair\` that dropped them`);
    } else found.findings.push({ line: growth.line, message: `${at}: ${growth.message}` });
  };
  for (const [index, { commit, parents }] of history.entries()) {
    // Reads of the next versions go out together (one git process answers them in turn).
    for (const next of history.slice(index, index + READ_AHEAD)) void textAt(next.commit).catch(() => undefined);
    const text = await textAt(commit);
    // A version that does not verify counts with the events it does verify: a line broken on purpose
    // does not let the rest of that version, or the next, off the check.
    const events = lazy(() => parseLog(text, handle.plan.id).events);
    for (const parent of parents) {
      const where = `the log at commit ${parent.slice(0, 7)}`;
      compare(await textAt(parent), text, events, where, `commit ${commit.slice(0, 7)}`);
      release(parent);
    }
  }
  if (handle.logProblem) return found;
  const work = normaliseLog((await handle.work.read(path))?.text ?? "").text;
  const events = await handle.verifiedEvents();
  compare(await textAt(head), work, () => events, `the log committed at ${head.slice(0, 7)}`, path);
  return found;
}

async function readBlob(ctx: Context, id: string | undefined): Promise<string | undefined> {
  return id === undefined ? undefined : ctx.repo.readBlob?.(id);
}

function lazy<T>(make: () => T): () => T {
  let value: { v: T } | undefined;
  return () => (value ??= { v: make() }).v;
}
