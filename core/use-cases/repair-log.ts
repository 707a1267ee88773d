import { CommandRefused } from "../commands/command-refused.js";
import { GENESIS_HASH, type Json } from "../events/event.js";
import type { LogProblem } from "../events/parse-log.js";
import { salvageLog, type DroppedLine } from "../events/salvage-log.js";
import { sealEvent } from "../events/serialize-event.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/** What `phasegate log repair` would do (or did). */
export interface LogRepair {
  path: string;
  /** Why the log does not verify; undefined when there is nothing to repair. */
  problem: LogProblem | undefined;
  /** Events kept (every one that still verifies by itself). */
  kept: number;
  /** Every line dropped, with its text and why. */
  dropped: DroppedLine[];
  /** Kept events sealed again because they followed a dropped line or a gap. */
  resealed: number;
  /** Places where lines were deleted before the repair: the line after the gap and how many seqs are missing. */
  gaps: { line: number; missing: number }[];
  /** Events the last verified head saw that are no longer in the log (cut from the end). */
  cutFromEnd: number;
  blankLines: number;
  bom: boolean;
  /** What may have been a decision and would be lost: a dropped approval, rejection or hold, or events whose kind is unknown. */
  decisions: string[];
  /** True once written (only with `confirm`). */
  written: boolean;
}

export interface RepairOptions {
  confirm: boolean;
  /** Accept losing what may be decisions (see LogRepair.decisions). */
  dropDecisions?: boolean;
}

/**
 * Repair a log that does not verify by keeping every event that verifies by itself (salvageLog),
 * then record `log_repaired` naming what was dropped, so a repair is never silent. Nothing is written
 * unless `confirm`; a repair that would lose a decision (or events of unknown kind: lines deleted,
 * lines cut from the end) is refused unless `dropDecisions`. One compare-and-swap write; the witness
 * then remembers the repaired head.
 */
export async function repairLog(ctx: Context, handle: MilestoneHandle, options: RepairOptions): Promise<LogRepair> {
  const id = handle.plan.id;
  const path = logPath(id);
  const problem = handle.logProblem;
  const raw = (await handle.work.read(path))?.text ?? "";
  const salvage = salvageLog(raw, id);
  const mark = await ctx.witness?.recall(id);
  const cutFromEnd = mark && !salvage.hashes.has(mark.hash) ? Math.max(1, mark.seq - salvage.lastSeq) : 0;
  const decisions = [
    ...salvage.dropped.filter((d) => d.decision).map((d) => `line ${d.line}: ${d.event}`),
    ...salvage.gaps.map((g) => `${g.missing} deleted event(s) before line ${g.line}, of unknown kind`),
    ...(cutFromEnd > 0 ? [`${cutFromEnd} event(s) cut from the end, of unknown kind`] : []),
  ];
  const { dropped, resealed, gaps, blankLines, bom } = salvage;
  const kept = salvage.events.length;
  const repair: LogRepair = {
    ...{ path, problem, kept, dropped, resealed, gaps, cutFromEnd, blankLines, bom, decisions },
    written: false,
  };
  if (!problem || !options.confirm) return repair;
  if (decisions.length > 0 && options.dropDecisions !== true) {
    throw new CommandRefused("log repair", `the repair would lose what may be decisions: ${decisions.join("; ")}`, {
      code: "repair-drops-decisions",
      whoCan: "restore them from git history (git log -p -- " + path + "), or accept the loss with --drop-decisions",
    });
  }
  const last = salvage.events.at(-1);
  const details: { [key: string]: Json } = {
    dropped: dropped.slice(0, 50).map((d) => ({ line: d.line, event: d.event ?? null, reason: d.reason })),
    dropped_count: dropped.length,
    resealed,
    gaps: gaps.map((g) => ({ line: g.line, missing: g.missing })),
    cut_from_end: cutFromEnd,
    blank_lines: blankLines,
    bom,
    plan_version: handle.planVersion,
  };
  const marker = sealEvent({
    v: 1,
    seq: kept + 1,
    timestamp: ctx.clock.now().toISOString(),
    event: "log_repaired",
    milestone_id: id,
    session_id: ctx.sessionId,
    actor: ctx.actor,
    details,
    prev: last?.hash ?? GENESIS_HASH,
  });
  const result = await ctx.repo.write({
    branch: handle.plan.branch,
    base: handle.work,
    changes: [{ kind: "put", path, text: salvage.text + marker.line + "\n" }],
    message: `phasegate(${id}): repair the event log (keep ${kept} events, drop ${dropped.length} lines)\n`,
  });
  if (!result.ok)
    throw new Error(`${path} changed while it was being repaired; run the repair again to see what it drops now`);
  await ctx.witness?.forget(id);
  await handle.reload();
  return { ...repair, written: true };
}
