import { normaliseLog, parseLog, type LogProblem } from "../events/parse-log.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/** What `phasegate log repair` would do (or did): keep the verified lines, drop the rest, shown in full. */
export interface LogRepair {
  path: string;
  /** Why the log does not verify; undefined when there is nothing to repair. */
  problem: LogProblem | undefined;
  /** Verified events kept. */
  kept: number;
  /** Every line dropped, with its text: from the first line that does not verify to the end. */
  dropped: { line: number; text: string }[];
  /** True once written (only with `confirm`). */
  written: boolean;
}

/**
 * Repair a log that does not verify by keeping what can be verified: the lines before the first bad
 * one. Nothing is written unless `confirm` is true, so a person sees exactly what would be dropped
 * first. The write is one compare-and-swap step (a log that changed meanwhile is not overwritten);
 * the witness is reset to the kept head, since a shorter log is now the one accepted.
 */
export async function repairLog(ctx: Context, handle: MilestoneHandle, confirm: boolean): Promise<LogRepair> {
  const path = logPath(handle.plan.id);
  const problem = handle.logProblem;
  const raw = (await handle.work.read(path))?.text ?? "";
  const { text } = normaliseLog(raw);
  const parsed = parseLog(text, handle.plan.id);
  const lines = text === "" ? [] : text.replace(/\n$/, "").split("\n");
  const kept = parsed.events.length;
  const dropped = lines.slice(kept).map((line, i) => ({ line: kept + i + 1, text: line }));
  const repair: LogRepair = { path, problem, kept, dropped, written: false };
  if (!problem || !confirm) return repair;
  const prefix = lines
    .slice(0, kept)
    .map((line) => line + "\n")
    .join("");
  const result = await ctx.repo.write({
    branch: handle.plan.branch,
    base: handle.work,
    changes: [{ kind: "put", path, text: prefix }],
    message: `phasegate(${handle.plan.id}): repair the event log (keep ${kept} verified events, drop ${dropped.length} lines)\n`,
  });
  if (!result.ok)
    throw new Error(`${path} changed while it was being repaired; run the repair again to see what it drops now`);
  await ctx.witness?.forget(handle.plan.id);
  await handle.reload();
  return { ...repair, written: true };
}
