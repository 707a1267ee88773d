import type { LogEvent } from "../events/event.js";
import { CommandRefused } from "../commands/command-refused.js";
import type { HeldBack, Progress, WorkTree } from "../ports.js";
import type { Plan } from "../plan/plan.js";
import { secretNameRule } from "../rules/looks-like-secret.js";
import type { LostCheckpoint } from "../rules/lost-checkpoint.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";
import { withdrawCheckpoint, withdrawLostCheckpoint } from "./lost-checkpoint.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { writeBackCompleted, type Tick } from "./write-back-tasks.js";

export interface CheckpointInput {
  /** Commit only when at least this many files changed. Default: the plan's (10). 0 = always. */
  minChanges?: number;
  message?: string;
  /** Run the repository's hooks for the commit (off by default: ADR 11). */
  hooks?: boolean;
}

interface Left {
  /** Paths held back (kept for the JSON shape of earlier versions); `heldBack` says why. */
  skippedSecrets: string[];
  heldBack: HeldBack[];
  ticked: Tick[];
  /** The last checkpoint, found off the branch (a killed checkpoint, a rebase) and withdrawn in the log first (ADR 39). */
  withdrawn?: { commit: string; reason: string };
}

export type CheckpointResult =
  | ({ committed: true; commit: string; files: string[]; events: LogEvent[] } & Left)
  | ({ committed: false; reason: string; changed: number } & Left);

/**
 * Commit work in progress and the event log to the milestone branch: never the default branch,
 * never ignored files or files that look like secrets, never forced. The `auto_commit` event
 * (the original protocol's name) records the commit it describes.
 */
export async function checkpoint(
  ctx: Context,
  handle: MilestoneHandle,
  input: CheckpointInput,
): Promise<CheckpointResult> {
  const plan = handle.plan;
  const tree = ctx.workTree;
  if (!tree) {
    throw new CommandRefused("checkpoint", "a checkpoint commits the working tree, and there is none here", {
      code: "no-work-tree",
    });
  }
  const branch = await tree.currentBranch();
  const defaultBranch = handle.defaultBranch;
  if (branch === defaultBranch) {
    throw new CommandRefused("checkpoint", `never on the default branch (${defaultBranch})`, {
      code: "default-branch",
      whoCan: `switch to ${plan.branch}: git switch -c ${plan.branch}`,
    });
  }
  if (branch !== plan.branch) {
    throw new CommandRefused(
      "checkpoint",
      `checked out ${branch ?? "a detached HEAD"}, not the milestone branch ${plan.branch}`,
      { code: "wrong-branch", whoCan: `git switch ${plan.branch}` },
    );
  }
  // One checkpoint at a time: a second one waits, then finds nothing left or commits after.
  return tree.serialise(async () => {
    // A checkpoint killed before its branch moved left an auto_commit naming a commit off it: said first.
    const { lost } = await withdrawLostCheckpoint(ctx, handle);
    return commitWork(ctx, handle, tree, input, lost);
  });
}

async function commitWork(
  ctx: Context,
  handle: MilestoneHandle,
  tree: WorkTree,
  input: CheckpointInput,
  lost: LostCheckpoint | undefined,
): Promise<CheckpointResult> {
  const plan = handle.plan;
  // Completed imported tasks get their checkbox ticked first, so the tick lands in this commit.
  const ticked = await writeBackCompleted(handle);
  const { files, heldBack } = await chooseFiles(tree, await tree.changes(), listedFiles(plan), ctx.progress);
  const left: Left = {
    ...{ skippedSecrets: heldBack.map((h) => h.path), heldBack, ticked },
    ...(lost && { withdrawn: { commit: lost.commit, reason: lost.reason } }),
  };
  const threshold = input.minChanges ?? plan.settings.checkpointMinChanges;
  if (files.length === 0 || files.length < threshold) {
    const reason =
      files.length === 0 ? "nothing to commit" : `${files.length} changed files, below the threshold of ${threshold}`;
    return { committed: false, reason, changed: files.length, ...left };
  }
  const fresh = handle.state.seq === 0;
  const before = handle.state.lastCheckpoint;
  let events: LogEvent[] | undefined;
  // The auto_commit event names the commit, so it goes in a commit on top of it (see recordCommit).
  const record = async (commit: string) => {
    events = await recordCommit(ctx, handle, commit, files, left);
    // A log's first write brings the attributes along (ADR 10): they go with it.
    return fresh ? [logPath(plan.id), ".gitattributes"] : [logPath(plan.id)];
  };
  const commit = await tree.commit({
    branch: plan.branch,
    paths: files,
    message: renderMessage(ctx, handle, files, input.message),
    ...(input.hooks === true && { hooks: true }),
    then: {
      record,
      message: (commit) => renderLogMessage(handle, commit),
      // The branch did not take the commit just recorded (it moved meanwhile): said in a second event (ADR 34).
      lost: async (commit, reason) => void (await withdrawCheckpoint(ctx, handle, commit, reason, before)),
    },
  });
  events ??= await recordCommit(ctx, handle, commit, files, left);
  return { committed: true, commit, files, events, ...left };
}

/**
 * The `auto_commit` event naming the checkpoint's commit. A commit cannot hold an event naming
 * itself, so the work tree gives it a commit of its own on top (WorkTree.commit's `then`): the
 * branch moves once, and nothing Phasegate wrote is left modified for `git pull` (ADR 20).
 */
function recordCommit(
  ctx: Context,
  handle: MilestoneHandle,
  commit: string,
  files: string[],
  left: Left,
): Promise<LogEvent[]> {
  const details = { files_changed: files.length, files: files.slice(0, 50), skipped_secrets: left.skippedSecrets };
  return handle.commit(() => [
    { event: "auto_commit", actor: ctx.actor, details: { commit, ...details, log: logPath(handle.plan.id) } },
  ]);
}

function renderLogMessage(handle: MilestoneHandle, commit: string): string {
  const { id } = handle.plan;
  return (
    `checkpoint(milestone-${id}): event log of ${commit.slice(0, 12)}\n\n` +
    `Phasegate-Milestone: ${id}\nPhasegate-Log-Seq: ${handle.state.seq}\n`
  );
}

/** The file-name rules first (no I/O), then the work tree's look at contents and kinds. */
async function chooseFiles(
  tree: WorkTree,
  changes: string[],
  listed: ReadonlySet<string>,
  progress?: Progress,
): Promise<{ files: string[]; heldBack: HeldBack[] }> {
  const heldBack: HeldBack[] = [];
  const rest: string[] = [];
  for (const path of changes) {
    const rule = secretNameRule(path);
    if (rule === undefined) rest.push(path);
    else heldBack.push({ path, rule: "file-name", reason: `${rule}, by its name` });
  }
  const screened = await tree.screen(rest, listed, (done, total) =>
    progress?.update("checkpoint", "files screened", done, total),
  );
  const out = new Set(screened.map((h) => h.path));
  return { files: rest.filter((p) => !out.has(p)), heldBack: [...heldBack, ...screened] };
}

/** Every file deliverable of the plan: binary or large files a checkpoint may commit. */
function listedFiles(plan: Plan): ReadonlySet<string> {
  return new Set(
    plan.tasks.flatMap((t) =>
      t.phases.flatMap((p) => p.deliverables.flatMap((d) => (d.kind === "file" ? [d.path] : []))),
    ),
  );
}

function renderMessage(ctx: Context, handle: MilestoneHandle, files: string[], message?: string): string {
  const state = handle.state;
  const active = state.tasks.filter((t) => t.status === "in_progress");
  const summary =
    message?.split("\n")[0]?.trim() ||
    `${files.length} files; ${active.map((t) => `${t.id} in ${t.phase}`).join(", ") || `progress ${state.progress.toFixed(1)}%`}`;
  const body = message && message.includes("\n") ? `\n${message.slice(message.indexOf("\n") + 1).trim()}\n` : "";
  const trailers = [
    `Phasegate-Milestone: ${state.id}`,
    `Phasegate-Session: ${ctx.sessionId}`,
    ...active.map((t) => `Phasegate-Task: ${t.id} (${t.phase})`),
    `Phasegate-Log-Seq: ${state.seq}`,
  ];
  return `checkpoint(milestone-${state.id}): ${summary}\n${body}\n${trailers.join("\n")}\n`;
}
