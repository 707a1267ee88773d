import type { MilestoneState } from "../events/state.js";
import type { Context } from "./context.js";
import { sessionPath } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/** The original protocol's session snapshot, plus where in the log it was taken. */
export interface SessionSnapshot {
  session: { id: string; milestone_id: string; status: string; saved_at: string; save_reason: string };
  context: { git_branch: string | null; git_commit: string | null };
  execution_state: { current_task: string | null; active_claims: string[]; progress_percentage: number };
  resume_points: { next_tasks: string[]; pending_commits: number; uncommitted_changes: boolean };
  log: { seq: number; head: string };
}

/**
 * Write `.milestones/sessions/<session>.yaml` and record `session_saved`, as one step (one commit on
 * GitHub). Returns the file's path.
 */
export async function saveSession(ctx: Context, handle: MilestoneHandle, reason: string): Promise<string> {
  const file = sessionPath(ctx.sessionId);
  // The yaml library loads here, not with the command: a valid plan is read without it (ADR 33).
  const [{ renderSessionFile }, [branch, changes]] = await Promise.all([
    import("./render-session-file.js"),
    ctx.workTree
      ? Promise.all([ctx.workTree.currentBranch(), ctx.workTree.changes()])
      : Promise.resolve([handle.plan.branch, [] as string[]] as const),
  ]);
  await handle.commit((state, work) => {
    const snapshot = renderSnapshot(ctx, state, reason, {
      branch: branch ?? null,
      commit: work.revision?.commit ?? null,
      changes: changes.filter((p) => p !== file).length,
    });
    return {
      events: [{ event: "session_saved", actor: ctx.actor, details: { file, reason } }],
      files: [{ kind: "put", path: file, text: renderSessionFile(snapshot) }],
    };
  });
  return file;
}

/** The snapshot's fields for `state` now (pure): what `saveSession` writes and checkpoints carry. */
export function renderSnapshot(
  ctx: Pick<Context, "sessionId" | "clock">,
  state: MilestoneState,
  reason: string,
  git: { branch: string | null; commit: string | null; changes: number },
): SessionSnapshot {
  const current = state.tasks.find((t) => t.status === "in_progress");
  return {
    session: {
      id: ctx.sessionId,
      milestone_id: state.id,
      status: state.status,
      saved_at: ctx.clock.now().toISOString(),
      save_reason: reason,
    },
    context: { git_branch: git.branch, git_commit: git.commit },
    execution_state: {
      current_task: current?.id ?? null,
      active_claims: state.tasks.filter((t) => t.claim).map((t) => `${t.id}:${t.claim?.by}`),
      progress_percentage: Math.round(state.progress * 10) / 10,
    },
    resume_points: {
      next_tasks: state.tasks.filter((t) => t.status === "ready" || t.status === "in_progress").map((t) => t.id),
      pending_commits: git.changes,
      uncommitted_changes: git.changes > 0,
    },
    log: { seq: state.seq, head: state.head },
  };
}
