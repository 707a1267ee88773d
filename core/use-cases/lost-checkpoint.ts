import type { LogEvent } from "../events/event.js";
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
 * parent (WorkTree.reaches), else one. A yes is asked again under the checkpoint lock
 * (findLostCheckpointLocked) before anything is written or reported.
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
  return judgeCheckpointReach(commit, reach, branch, await seenOnBranch(ctx, handle, commit));
}

/**
 * findLostCheckpoint for the caller that holds the checkpoint lock: the log and HEAD are read again
 * first. A checkpoint that was running when the handle was opened had written its event and not yet
 * moved the branch; it has finished by now.
 */
export async function findLostCheckpointLocked(
  ctx: Context,
  handle: MilestoneHandle,
): Promise<LostCheckpoint | undefined> {
  await handle.reload();
  return findLostCheckpoint(ctx, handle);
}

/**
 * findLostCheckpoint, and when it finds one, asked again holding the checkpoint lock (a running
 * checkpoint is waited for). With `record`, the withdrawal is written under the same lock
 * (recordLostCheckpoint). A lock that cannot be taken (a read-only repository) leaves the first answer.
 */
export async function confirmLostCheckpoint(
  ctx: Context,
  handle: MilestoneHandle,
  record: boolean,
): Promise<{ lost?: LostCheckpoint; events: LogEvent[] }> {
  const first = await findLostCheckpoint(ctx, handle);
  const tree = ctx.workTree;
  if (!first || !tree) return { events: [] };
  const again = async () => {
    const lost = await findLostCheckpointLocked(ctx, handle);
    const events = lost && record ? await recordLostCheckpoint(ctx, handle, lost) : [];
    return { ...(lost && { lost }), events };
  };
  return record ? tree.serialise(again) : tree.serialise(again).catch(() => ({ lost: first, events: [] }));
}

/**
 * For the readers that only look (`status`, `verify`): a lost last checkpoint is a finding about the
 * branch, not a log that fails to verify; the next `checkpoint` or `scan` records it.
 */
export async function checkLastCheckpoint(ctx: Context, handle: MilestoneHandle): Promise<EvidenceCheck> {
  const { lost } = await confirmLostCheckpoint(ctx, handle, false);
  if (!lost) return { findings: [], notes: [] };
  const event = findCheckpointEvent(await handle.verifiedEvents(), lost.commit);
  const message =
    `line ${event?.seq ?? handle.state.seq}: the last checkpoint's ${lost.reason}; ` +
    "the next `phasegate checkpoint` or `phasegate scan` records that it did not reach the branch";
  return { findings: [{ line: event?.seq ?? handle.state.seq, message }], notes: [] };
}

/**
 * The `auto_commit` with `reached_branch: false` that withdraws the lost checkpoint, naming the newest
 * earlier checkpoint the branch still holds as the last one again. Written once: nothing when the
 * log's last checkpoint is another by now (another run recorded it, or a checkpoint followed).
 */
export async function recordLostCheckpoint(
  ctx: Context,
  handle: MilestoneHandle,
  lost: LostCheckpoint,
): Promise<LogEvent[]> {
  const candidates = earlierCheckpoints(await handle.verifiedEvents(), lost.commit);
  const at = handle.work.revision?.commit;
  const before = ctx.workTree ? await newestHeld(ctx.workTree, at, candidates) : undefined;
  const log = logPath(handle.plan.id);
  return handle.commit((state) =>
    state.lastCheckpoint?.commit === lost.commit
      ? [
          {
            event: "auto_commit",
            actor: ctx.actor,
            details: withdrawalDetails(lost.commit, lost.reason, before, log),
          },
        ]
      : [],
  );
}

/** The first of `candidates` (newest first) whose commit the branch holds (or a copy of it); one it cannot tell about counts as held. */
async function newestHeld<T extends { commit: string; at: string }>(
  tree: WorkTree,
  head: string | undefined,
  candidates: T[],
): Promise<T | undefined> {
  for (const candidate of candidates) {
    const reach = head === undefined ? undefined : await tree.reaches?.(candidate.commit, head, candidate.at);
    if (reach === "reached" || reach === "rewritten" || reach === "cannot-tell") return candidate;
  }
  return undefined;
}

/** Whether the branch's committed log holds the event naming `commit` (the branch had the commit once). */
async function seenOnBranch(ctx: Context, handle: MilestoneHandle, commit: string): Promise<boolean> {
  const event = findCheckpointEvent(await handle.verifiedEvents(), commit);
  if (!event) return false;
  const committed = await (await ctx.repo.snapshot(handle.plan.branch)).read(logPath(handle.plan.id));
  return committed?.text.includes(event.hash) ?? false;
}
