import { stringify } from "yaml";
import { CommandRefused } from "../commands/command-refused.js";
import type { LogEvent, NewEvent } from "../events/event.js";
import type { FileChange, FileReader, Snapshot } from "../ports.js";
import { looksLikeSecret } from "../rules/looks-like-secret.js";
import type { Context } from "./context.js";
import { logPath, sessionPath } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { renderSnapshot } from "./save-session.js";

export interface RemoteCheckpointInput {
  /** Commit only when at least this many files changed. Default: the plan's (10). 0 = always. */
  minChanges?: number;
  message?: string;
  /**
   * The files the work tree's changes are based on (its HEAD, or the last checkpoint it made). A
   * changed path whose version on the branch differs from this one was written by someone else since:
   * the checkpoint refuses rather than overwrite it (what a rebase would call a conflict).
   */
  base: FileReader;
}

export type RemoteCheckpointResult =
  | { committed: true; commit: string; files: string[]; skipped: string[]; events: LogEvent[] }
  | { committed: false; reason: string; changed: number; skipped: string[] };

/**
 * A checkpoint through the repository port (the GitHub Action, no push): the work tree's changes,
 * the `auto_commit` event and a session snapshot as ONE step on the milestone branch. The handle
 * writes it compare-and-swap and, when another writer moved the branch, re-reads and decides again;
 * the branch never moves except forward. Never secret-looking files (git-ignored ones are never
 * listed), never binary files (the port carries text), never the default branch.
 */
export async function checkpointRemote(
  ctx: Context,
  handle: MilestoneHandle,
  input: RemoteCheckpointInput,
): Promise<RemoteCheckpointResult> {
  const tree = ctx.workTree;
  if (!tree) throw new CommandRefused("checkpoint", "there is no working tree here", { code: "no-work-tree" });
  const plan = handle.plan;
  if (plan.branch === handle.defaultBranch) {
    throw new CommandRefused("checkpoint", `never on the default branch (${plan.branch})`, { code: "default-branch" });
  }
  const own = new Set([logPath(plan.id), sessionPath(ctx.sessionId)]);
  const { files, skipped } = await readChanges(
    tree,
    (await tree.changes()).filter((p) => !own.has(p)),
  );
  const threshold = input.minChanges ?? plan.settings.checkpointMinChanges;
  if (files.length === 0 || files.length < threshold) {
    const reason =
      files.length === 0 ? "nothing changed" : `${files.length} changed files, below the threshold of ${threshold}`;
    return { committed: false, reason, changed: files.length, skipped };
  }
  const paths = files.map((f) => f.path);
  const events = await handle.commit(async (state, work) => {
    await refuseOverwrites(work, input.base, files, plan.branch);
    const session = renderSnapshot(ctx, state, "checkpoint", {
      branch: plan.branch,
      commit: work.revision?.commit ?? null,
      changes: 0,
    });
    const details = { files_changed: paths.length, files: paths.slice(0, 50), skipped_files: skipped };
    const recorded: NewEvent[] = [
      {
        event: "auto_commit",
        actor: ctx.actor,
        details: { ...details, ...(input.message && { message: input.message }) },
      },
      { event: "session_saved", actor: ctx.actor, details: { file: sessionPath(ctx.sessionId), reason: "checkpoint" } },
    ];
    return {
      events: recorded,
      files: [...files, { kind: "put", path: sessionPath(ctx.sessionId), text: stringify(session) }],
    };
  });
  const commit = handle.work.revision?.commit;
  if (events.length === 0 || !commit) throw new Error("checkpoint: the write reported no commit");
  return { committed: true, commit, files: paths, skipped, events };
}

/** Puts and deletes for the changed paths; secret-looking and binary files are skipped and named. */
async function readChanges(tree: NonNullable<Context["workTree"]>, changed: string[]) {
  const files: FileChange[] = [];
  const skipped: string[] = [];
  const decoder = new TextDecoder("utf-8", { fatal: true });
  for (const path of changed) {
    if (looksLikeSecret(path)) {
      skipped.push(path);
      continue;
    }
    const bytes = await tree.readBytes(path);
    if (bytes === undefined) {
      files.push({ kind: "delete", path });
      continue;
    }
    try {
      if (bytes.includes(0)) throw new Error("binary");
      files.push({ kind: "put", path, text: decoder.decode(bytes) });
    } catch {
      skipped.push(path);
    }
  }
  return { files, skipped };
}

/** Paths the branch changed since `base`, unless the branch already holds exactly what we write. */
async function refuseOverwrites(work: Snapshot, base: FileReader, files: FileChange[], branch: string) {
  const moved: string[] = [];
  for (const change of files) {
    const [theirs, ours] = await Promise.all([work.read(change.path), base.read(change.path)]);
    if (theirs?.version === ours?.version) continue;
    const same = change.kind === "delete" ? theirs === undefined : theirs?.text === change.text;
    if (!same) moved.push(change.path);
  }
  if (moved.length === 0) return;
  throw new CommandRefused(
    "checkpoint",
    `${moved.join(", ")} changed on ${branch} since this checkout; nothing was written (never forced)`,
    { code: "checkpoint-conflict", whoCan: `check out ${branch} again and redo the change, or merge by hand` },
  );
}
