import { auditLog } from "../events/audit-log.js";
import type { LogEvent } from "../events/event.js";
import type { LogProblem } from "../events/parse-log.js";
import type { Plan } from "../plan/plan.js";
import { parsePlan } from "../plan/parse-plan.js";
import type { Context } from "./context.js";
import { PLAN_DIRS } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/**
 * Re-check every transition of the log against the rules and the plan version it records (see
 * auditLog). Each version is read once by its blob id; one the repository lacks is replaced by the
 * current plan, with a note. Events without a version (older logs) are checked against the current plan.
 */
export async function auditMilestone(
  ctx: Context,
  handle: MilestoneHandle,
): Promise<{ findings: LogProblem[]; notes: string[] }> {
  const plans = new Map<string, Plan | undefined>([[handle.planVersion, handle.plan]]);
  const notes: string[] = [];
  const events = await handle.verifiedEvents();
  const foreign = await findForeignVersions(ctx, handle, events);
  for (const e of events) {
    const version = e.details.plan_version;
    if (typeof version !== "string" || plans.has(version)) continue;
    if (foreign.has(version)) {
      plans.set(version, handle.plan); // decided by a plan the default branch never had: check against its own
      continue;
    }
    const text = await ctx.repo.readBlob?.(version);
    const plan = text === undefined ? undefined : parsePlan(text, handle.plan.file).plan;
    if (!plan)
      notes.push(
        `plan version ${version.slice(0, 12)} (line ${e.seq}) is not in this repository; checked against ${handle.defaultBranch}'s plan`,
      );
    plans.set(version, plan ?? handle.plan);
  }
  const findings = auditLog((version) => (version === undefined ? handle.plan : plans.get(version)), events);
  for (const [version, line] of foreign) {
    findings.push({
      line,
      message:
        `line ${line}: plan version ${version.slice(0, 12)} was never on ${handle.defaultBranch}'s history: ` +
        `plans decide only from the default branch, so the events that cite it are checked against ${handle.defaultBranch}'s plan`,
    });
  }
  findings.sort((a, b) => a.line - b.line);
  return { findings, notes };
}

/**
 * Recorded plan versions that were never a version of this milestone's plan file on the default
 * branch (a plan read from elsewhere: the milestone branch, a local branch never pushed, another
 * milestone's plan), each with the first line that cites it. Asked of the repository only when some
 * event cites a version other than the current one.
 */
async function findForeignVersions(
  ctx: Context,
  handle: MilestoneHandle,
  events: readonly LogEvent[],
): Promise<Map<string, number>> {
  const firstLine = new Map<string, number>();
  for (const e of events) {
    const version = e.details.plan_version;
    if (typeof version === "string" && version !== handle.planVersion && !firstLine.has(version))
      firstLine.set(version, e.seq);
  }
  if (firstLine.size === 0 || !ctx.repo.historyBlobs) return new Map();
  const paths = PLAN_DIRS.flatMap((dir) => [".yaml", ".yml"].map((ext) => `${dir}/${handle.plan.id}${ext}`));
  const known = await ctx.repo.historyBlobs(handle.defaultBranch, paths);
  return new Map([...firstLine].filter(([version]) => !known.has(version)));
}
