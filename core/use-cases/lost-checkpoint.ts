import type { LogEvent } from "../events/event.js";
import type { Checkpoint } from "../events/state.js";
import {
  checkableCheckpoint,
  earlierCheckpoints,
  findCheckpointEvent,
  judgeCheckpointReach,
  withdrawalDetails,
  type LostCheckpoint,
} from "../rules/lost-checkpoint.js";
import type { WorkTree } from "../ports.js";
import type { EvidenceCheck } from "./check-log-history.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/**
 * Whether the last checkpoint names a commit the milestone branch does not hold (ADR 39): a
 * checkpoint killed between writing its `auto_commit` and moving the branch, or a rebase or forced
 * update since. Asked only on the milestone branch checked out, of a log that verifies, against the
 * commit the log was read at; costs no git process when the checkpoint's commit is that one or its
 * parent (WorkTree.reaches), else one. A yes is asked again under the checkpoint lock, of the log
 * read anew, before anything is written or reported.
 */
export async function findLostCheckpoint(ctx: Context, handle: MilestoneHandle): Promise<LostCheckpoint | undefined> {
  const tree = ctx.workTree;
  const commit = checkableCheckpoint(handle.state);
  const at = handle.work.revision?.commit;
  if (!tree?.reaches || commit === undefined || at === undefined || handle.logProblem) return undefined;
  const branch = handle.plan.branch;
  if ((await tree.currentBranch()) !== branch) return undefined;
  const reach = await tree.reaches(commit, at, handle.state.lastCheckpoint?.at);
  if (reach !== "off-branch" && reach !== "missing") return undefined;
  const event = findCheckpointEvent(await handle.verifiedEvents(), commit);
  const lost = judgeCheckpointReach(
    commit,
    reach,
    branch,
    event !== undefined && (await seenOnBranch(ctx, handle, event)),
  );
  return lost && { ...lost, ...(event && { line: event.seq }) };
}

/**
 * For `checkpoint`, which holds the checkpoint lock: a lost last checkpoint is withdrawn before the
 * work is committed. A checkpoint that was running when the handle was opened had written its event
 * and not yet moved the branch; it has finished by now, so the log is read again first.
 */
export async function withdrawLostCheckpoint(
  ctx: Context,
  handle: MilestoneHandle,
): Promise<{ lost?: LostCheckpoint; events: LogEvent[] }> {
  const tree = ctx.workTree;
  if (!tree || !(await findLostCheckpoint(ctx, handle))) return { events: [] };
  await handle.reload();
  const lost = await findLostCheckpoint(ctx, handle);
  if (!lost) return { events: [] };
  const before = await newestHeld(
    tree,
    handle.work.revision?.commit,
    earlierCheckpoints(await handle.verifiedEvents(), lost.commit),
  );
  return { lost, events: await withdrawCheckpoint(ctx, handle, lost.commit, lost.reason, before) };
}

/** For `scan`: withdrawLostCheckpoint, taking the checkpoint lock only when there is one to withdraw. */
export async function withdrawLostCheckpointLocking(ctx: Context, handle: MilestoneHandle): Promise<LogEvent[]> {
  const tree = ctx.workTree;
  if (!tree || !(await findLostCheckpoint(ctx, handle))) return [];
  return (await tree.serialise(() => withdrawLostCheckpoint(ctx, handle))).events;
}

/**
 * For the readers that only look (`status`, `verify`): a lost last checkpoint is a finding about the
 * branch, not a log that fails to verify; the next `checkpoint` or `scan` records it. A yes is asked
 * again holding the checkpoint lock (a running checkpoint is waited for); a lock that cannot be taken
 * (a read-only repository) leaves the first answer.
 */
export async function checkLastCheckpoint(ctx: Context, handle: MilestoneHandle): Promise<EvidenceCheck> {
  const first = await findLostCheckpoint(ctx, handle);
  const tree = ctx.workTree;
  if (!first || !tree) return { findings: [], notes: [] };
  const lost = await tree
    .serialise(async () => (await handle.reload(), findLostCheckpoint(ctx, handle)))
    .catch(() => first);
  if (!lost) return { findings: [], notes: [] };
  const line = lost.line ?? handle.state.seq;
  const message =
    `line ${line}: the last checkpoint's ${lost.reason}; ` +
    "the next `phasegate checkpoint` or `phasegate scan` records that it did not reach the branch";
  return { findings: [{ line, message }], notes: [] };
}

/**
 * The one writer of a withdrawal: the `auto_commit` with `reached_branch: false` for `commit`, why,
 * and `before` as the last checkpoint again (ADR 34: the branch refused the commit just recorded;
 * ADR 39: a checkpoint found off the branch later). Written once: nothing when the log's last
 * checkpoint is another by now (another run recorded it, or a checkpoint followed).
 */
export function withdrawCheckpoint(
  ctx: Context,
  handle: MilestoneHandle,
  commit: string,
  reason: string,
  before: Checkpoint | undefined,
): Promise<LogEvent[]> {
  const details = withdrawalDetails(commit, reason, before, logPath(handle.plan.id));
  return handle.commit((state) =>
    state.lastCheckpoint?.commit === commit ? [{ event: "auto_commit", actor: ctx.actor, details }] : [],
  );
}

/** The first of `candidates` (newest first) whose commit the branch holds (or a copy of it); one it cannot tell about counts as held. */
async function newestHeld(
  tree: WorkTree,
  head: string | undefined,
  candidates: Checkpoint[],
): Promise<Checkpoint | undefined> {
  if (head === undefined) return undefined;
  for (const candidate of candidates) {
    const reach = await tree.reaches?.(candidate.commit, head, candidate.at);
    if (reach === "reached" || reach === "rewritten" || reach === "cannot-tell") return candidate;
  }
  return undefined;
}

/** Whether the branch's committed log holds `event` (then the branch had its commit once). */
async function seenOnBranch(ctx: Context, handle: MilestoneHandle, event: LogEvent): Promise<boolean> {
  const committed = await (await ctx.repo.snapshot(handle.plan.branch)).read(logPath(handle.plan.id));
  return committed?.text.includes(event.hash) ?? false;
}
