import { CommandRefused } from "../commands/command-refused.js";
import { checkLogGrowth } from "../events/check-log-growth.js";
import type { LogEvent } from "../events/event.js";
import { parseLog, type LogProblem } from "../events/parse-log.js";
import type { Plan } from "../plan/plan.js";
import type { Repo, Snapshot } from "../ports.js";
import type { EvidenceCheck, VerifiedLog } from "./check-log-history.js";
import { logPath } from "./find-plan.js";

/** The anchor as read: the step commit and the log's head in it. */
export interface LogAnchor {
  commit: string;
  seq: number;
  head: string;
}

export interface AnchorCheck extends EvidenceCheck {
  /** Undefined when the remote keeps no anchor for the milestone. */
  anchor: LogAnchor | undefined;
}

/** How the log at the head of the branch fails to extend the anchored one. */
export interface AnchorMismatch {
  /** The anchored commit. */
  commit: string;
  /** The branch's log is the start of the anchored one (lines removed from the end, or a read raced a write). */
  behind: boolean;
  problem: LogProblem;
}

/**
 * Whether the log in `work` (the milestone branch's head, read from GitHub) extends the log in the
 * commit Phasegate anchored (ADR 19): undefined when it does, when the repository keeps no anchors
 * or none for this milestone. The anchored text being where the log starts (the log only grew, or
 * did not change) is decided on the texts; anything else by the events (a merge re-seals, ADR 10),
 * `events` being the log's verified events. The reads cost nothing when the adapter read the anchor
 * with the branch (GitHub: the same query), one when the log was rewritten since.
 */
export async function findAnchorMismatch(
  repo: Repo,
  milestoneId: string,
  work: Snapshot,
  events: () => Promise<readonly LogEvent[]>,
): Promise<AnchorMismatch | undefined> {
  if (!repo.logAnchor) return undefined;
  const commit = await repo.logAnchor(milestoneId);
  if (commit === undefined || commit === work.revision?.commit) return undefined;
  const path = logPath(milestoneId);
  const [anchoredFile, current] = await Promise.all([(await repo.snapshot(commit)).read(path), work.read(path)]);
  const anchoredText = anchoredFile?.text ?? "";
  if (anchoredFile?.version === current?.version || (current?.text ?? "").startsWith(anchoredText)) return undefined;
  const anchored = parseLog(anchoredText, milestoneId).events;
  const log = [...(await events())];
  const growth = checkLogGrowth(anchored, log, `the log GitHub anchored at commit ${commit.slice(0, 7)}`);
  if (growth.ok) return undefined;
  const behind = checkLogGrowth(log, anchored, "the branch's log").ok;
  return { commit, behind, problem: { line: growth.line, message: growth.message } };
}

/**
 * The refusal to write on a log that does not extend the one Phasegate last wrote: a forgery pushed
 * on top of its last step would otherwise be anchored by this step (ADR 30).
 */
export function tamperedLogRefusal(plan: Pick<Plan, "id" | "branch">, mismatch: AnchorMismatch): CommandRefused {
  return new CommandRefused(
    "write",
    `log_tampered: the event log ${logPath(plan.id)} on ${plan.branch} does not extend the log Phasegate ` +
      `last wrote (refs/phasegate/anchors/${plan.id}, commit ${mismatch.commit.slice(0, 7)}): ${mismatch.problem.message}`,
    {
      code: "log-tampered",
      whoCan:
        "someone with write access, by restoring the anchored events on the branch (verify against GitHub " +
        "shows what differs); nothing is recorded until then",
      next: { verb: "verify", milestone: plan.id },
      data: { type: "log_tampered", anchor: mismatch.commit, line: mismatch.problem.line },
    },
  );
}

/**
 * For a shell that reads the log from GitHub itself (the App, the Action in API mode): whether the
 * log `handle` verified holds the anchored events (findAnchorMismatch). Nothing when the repository
 * keeps no anchors or none for this milestone.
 */
export async function checkWorkAgainstAnchor(repo: Repo, handle: VerifiedLog): Promise<LogProblem[]> {
  if (!repo.logAnchor || handle.logProblem) return [];
  const found = await findAnchorMismatch(repo, handle.plan.id, handle.work, () => handle.verifiedEvents());
  return found ? [found.problem] : [];
}

/**
 * The log against the anchor the App or the Action recorded on GitHub (ADR 19): the log in the
 * anchored step commit must be where both the branch's log on the remote and the log `handle` read
 * (a clone's) start. A log that grew past the anchor passes with a note; a shorter one, or one that
 * differs inside the anchored lines (a rewritten line sealed again), is a finding. A clone that has
 * not pulled the anchored lines yet (its log is the start of the anchored one) gets a note.
 */
export async function checkLogAnchor(remote: Repo, handle: VerifiedLog): Promise<AnchorCheck> {
  const path = logPath(handle.plan.id);
  const read = async (ref: string, work = false): Promise<LogEvent[] | string> => {
    const snapshot = work ? await remote.work(ref) : await remote.snapshot(ref);
    const parsed = parseLog((await snapshot.read(path))?.text ?? "", handle.plan.id);
    return parsed.problem ? `line ${parsed.problem.line}: ${parsed.problem.message}` : parsed.events;
  };
  const result: AnchorCheck = { findings: [], notes: [], anchor: undefined };
  const commit = await remote.logAnchor?.(handle.plan.id);
  const branch = await read(handle.plan.branch, true);
  if (commit === undefined) {
    result.notes.push(
      `GitHub keeps no anchor for ${handle.plan.id} (refs/phasegate/anchors/${handle.plan.id}): nothing the App or the Action wrote to compare with`,
    );
    return result;
  }
  const anchored = await read(commit);
  if (typeof anchored === "string") {
    result.findings.push({
      line: 1,
      message: `the log in the anchored commit ${commit.slice(0, 7)} does not verify: ${anchored}`,
    });
    return result;
  }
  const last = anchored.at(-1);
  result.anchor = { commit, seq: anchored.length, head: last?.hash ?? "" };
  const where = `the log GitHub anchored at commit ${commit.slice(0, 7)}`;
  if (typeof branch === "string") {
    result.findings.push({ line: 1, message: `${handle.plan.branch} on GitHub: the log does not verify: ${branch}` });
  } else {
    const growth = checkLogGrowth(anchored, branch, where);
    if (!growth.ok)
      result.findings.push({ line: growth.line, message: `${handle.plan.branch} on GitHub: ${growth.message}` });
    else if (growth.added > 0)
      result.notes.push(
        `${handle.plan.branch} on GitHub has ${growth.added} event(s) after the anchor (${anchored.length} events): written by something other than Phasegate's App or Action (a push), or the anchor's update failed; not vouched for`,
      );
  }
  if (handle.logProblem) return result;
  const local = [...(await handle.verifiedEvents())];
  const behind = checkLogGrowth(local, anchored, "this copy's log");
  if (behind.ok && behind.how === "grew") {
    result.notes.push(`this copy's log is ${behind.added} event(s) behind the anchor: pull ${handle.plan.branch}`);
    return result;
  }
  const growth = checkLogGrowth(anchored, local, where);
  if (!growth.ok) result.findings.push({ line: growth.line, message: `${path}: ${growth.message}` });
  return result;
}
