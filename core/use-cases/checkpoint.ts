import type { LogEvent } from "../events/event.js";
import { CommandRefused } from "../commands/command-refused.js";
import { looksLikeSecret } from "../rules/looks-like-secret.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { writeBackCompleted, type Tick } from "./write-back-tasks.js";

export interface CheckpointInput {
  /** Commit only when at least this many files changed. Default: the plan's (10). 0 = always. */
  minChanges?: number;
  message?: string;
}

export type CheckpointResult =
  | { committed: true; commit: string; files: string[]; skippedSecrets: string[]; ticked: Tick[]; events: LogEvent[] }
  | { committed: false; reason: string; changed: number; skippedSecrets: string[]; ticked: Tick[] };

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
  // Completed imported tasks get their checkbox ticked first, so the tick lands in this commit.
  const ticked = await writeBackCompleted(handle);
  const changes = await tree.changes();
  const skippedSecrets = changes.filter(looksLikeSecret);
  const files = changes.filter((p) => !looksLikeSecret(p));
  const threshold = input.minChanges ?? plan.settings.checkpointMinChanges;
  if (files.length === 0 || files.length < threshold) {
    const reason =
      files.length === 0 ? "nothing changed" : `${files.length} changed files, below the threshold of ${threshold}`;
    return { committed: false, reason, changed: files.length, skippedSecrets, ticked };
  }
  const commit = await tree.commit({
    branch: plan.branch,
    paths: files,
    message: renderMessage(ctx, handle, files, input.message),
  });
  const events = await handle.commit(() => [
    {
      event: "auto_commit",
      actor: ctx.actor,
      details: {
        commit,
        files_changed: files.length,
        files: files.slice(0, 50),
        skipped_secrets: skippedSecrets,
        log: logPath(plan.id),
      },
    },
  ]);
  return { committed: true, commit, files, skippedSecrets, ticked, events };
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
