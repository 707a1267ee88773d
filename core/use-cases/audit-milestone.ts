import { auditLog } from "../events/audit-log.js";
import type { LogEvent } from "../events/event.js";
import type { LogProblem } from "../events/parse-log.js";
import type { Plan } from "../plan/plan.js";
import { parseRepositorySettings } from "../settings/parse-repository-settings.js";
import { NO_SETTINGS } from "../settings/repository-settings.js";
import type { Context } from "./context.js";
import { CODEOWNERS_PATHS, parseCodeowners } from "../rules/codeowners.js";
import type { AuditFacts } from "../rules/recheck-gate.js";
import { readCodeowners } from "./gather-gate-facts.js";
import { PLAN_DIRS } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { parseCached } from "./open-plan.js";
import type { ReadSettings } from "./read-repository-settings.js";

/**
 * Re-check every transition of the log against the rules and the plan version it records (see
 * auditLog). Each version is read once by its blob id; one the repository lacks is replaced by the
 * current plan, with a note. Events without a version (older logs) are checked against the current plan.
 * With `recheckRules` (`verify`), rules of teams and code owners are re-checked too (recheckApproval):
 * teams by the recorded settings' `teams`, code owners by every CODEOWNERS version of the default
 * branch; what cannot be checked is a note, never a silent pass. Scans leave it out (no extra reads).
 */
export async function auditMilestone(
  ctx: Context,
  handle: MilestoneHandle,
  options: { recheckRules?: boolean } = {},
): Promise<{ findings: LogProblem[]; notes: string[] }> {
  const key = (plan: string | undefined, settings: string | undefined) => `${plan ?? ""}+${settings ?? ""}`;
  const plans = new Map<string, Plan | undefined>([[key(handle.planVersion, handle.settingsVersion), handle.plan]]);
  const notes: string[] = [];
  const events = await handle.verifiedEvents();
  const foreign = await findForeignVersions(ctx, handle, events);
  for (const e of events) {
    const version = e.details.plan_version;
    const settingsVersion = typeof e.details.settings_version === "string" ? e.details.settings_version : undefined;
    if (typeof version !== "string" || plans.has(key(version, settingsVersion))) continue;
    if (foreign.has(version)) {
      // Decided by a plan the default branch never had: checked against the default branch's own.
      plans.set(key(version, settingsVersion), handle.plan);
      continue;
    }
    const plan = await readPlanVersion(ctx, handle, version, settingsVersion);
    if (!plan)
      notes.push(
        `plan version ${version.slice(0, 12)} (line ${e.seq}) is not in this repository; checked against ${handle.defaultBranch}'s plan`,
      );
    plans.set(key(version, settingsVersion), plan ?? handle.plan);
  }
  const recheck = options.recheckRules ? { facts: await readAuditFacts(ctx, handle), notes: [] } : undefined;
  const findings = auditLog(
    (version, settingsVersion) => (version === undefined ? handle.plan : plans.get(key(version, settingsVersion))),
    events,
    recheck,
  );
  if (recheck) notes.push(...new Set(recheck.notes));
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
/**
 * The plan as it was decided: its blob, built with the settings blob the event names (none: no file
 * then). Through the plan cache, keyed by both blob ids as when that version was current: a plan
 * changed on the default branch does not make every later audit parse the older version again.
 */
async function readPlanVersion(
  ctx: Context,
  handle: MilestoneHandle,
  version: string,
  settingsVersion: string | undefined,
): Promise<Plan | undefined> {
  const text = await ctx.repo.readBlob?.(version);
  if (text === undefined) return undefined;
  const settingsText = settingsVersion === undefined ? undefined : await ctx.repo.readBlob?.(settingsVersion);
  const own = settingsText === undefined ? undefined : parseRepositorySettings(settingsText).settings;
  const settings: ReadSettings = {
    settings: own ?? NO_SETTINGS,
    ...(settingsText !== undefined && { version: settingsVersion }),
    issues: [],
    notices: [],
    // Only the file's own keys apply here: a file that extends another is parsed afresh, never cached.
    extended: own?.extends !== undefined,
  };
  const file = { path: handle.plan.file, version, text };
  return (await parseCached(ctx, file, settings)).plan;
}

/**
 * CODEOWNERS as the default branch has it, and every version it had there (a local clone has the
 * history), so an approval is checked against the owners of its time whatever changed since.
 */
async function readAuditFacts(ctx: Context, handle: MilestoneHandle): Promise<AuditFacts> {
  const versions = [await readCodeowners(ctx, handle.planSnapshot)];
  if (ctx.repo.historyBlobs && ctx.repo.readBlob) {
    for (const id of await ctx.repo.historyBlobs(handle.defaultBranch, [...CODEOWNERS_PATHS])) {
      const text = await ctx.repo.readBlob(id);
      if (text !== undefined) versions.push(parseCodeowners(text));
    }
  }
  return { codeowners: versions, codeownersKnown: true };
}
