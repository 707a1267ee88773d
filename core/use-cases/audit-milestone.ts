import { LogAuditor, type AuditRecheck } from "../rules/audit-log.js";
import type { LogEvent } from "../events/event.js";
import type { LogProblem } from "../events/parse-log.js";
import type { Plan } from "../plan/plan.js";
import { NO_SETTINGS } from "../settings/repository-settings.js";
import { SETTINGS_PATH } from "../settings/settings-path.js";
import type { Context } from "./context.js";
import type { Forge } from "../ports.js";
import { recheckOverride } from "../commands/recheck-override.js";
import { CODEOWNERS_PATHS, parseCodeowners } from "../rules/codeowners.js";
import type { AuditFacts } from "../rules/recheck-gate.js";
import { readCodeowners } from "./gather-gate-facts.js";
import { PLAN_DIRS } from "./find-plan.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import { parseCachedBlob } from "./open-plan.js";
import { parseSettingsBlobCached, type ReadSettings } from "./read-repository-settings.js";

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
  options: AuditOptions = {},
): Promise<{ findings: LogProblem[]; notes: string[] }> {
  const audit = await MilestoneAudit.start(ctx, handle, options);
  for (const e of await handle.verifiedEvents()) {
    const pending = audit.see(e);
    if (pending) await pending;
  }
  await audit.recheckOverrides(options.access);
  return audit.finish();
}

export interface AuditOptions {
  /**
   * `verify`: re-check rules of teams and code owners, and who overrode the merge gate (each
   * `gate_overridden` actor's access, asked of `access`; without it, a note per override).
   */
  recheckRules?: boolean;
  /**
   * Where people's access on GitHub can be asked (`verify --against github`: GitHub's forge). Never
   * the local forge, which answers admin for everyone (ADR 4).
   */
  access?: Pick<Forge, "getPermission">;
}

/**
 * auditMilestone one event at a time, as the log is read (a LogVisitor for MilestoneHandle.open):
 * each plan version is read when the first event citing it arrives, and no event is kept.
 */
export class MilestoneAudit {
  /** Plans by version, then by settings version ("" for none): no key is built per event. */
  private readonly plans = new Map<string, Map<string, Plan | undefined>>();
  private readonly notes: string[] = [];
  /** Plan versions other than the current one, each with the first line citing it. */
  private readonly cited = new Map<string, number>();
  private known: Promise<Set<string> | undefined> | undefined;
  private readonly auditor: LogAuditor;

  private constructor(
    private readonly ctx: Context,
    private readonly handle: MilestoneHandle,
    private readonly recheck: AuditRecheck | undefined,
  ) {
    this.remember(handle.planVersion, handle.settingsVersion, handle.plan);
    // A plan this clone has not read before was most likely just changed: the log cites the version
    // before it, and the audit will ask for the plan's history. Ask now, so git answers on another
    // core while the log is read, not at the first event that cites it. (A failure surfaces there.)
    if (handle.planIsFresh && ctx.repo.historyBlobs) {
      this.known = findKnownVersions(ctx, handle);
      this.known.catch(() => undefined);
    }
    this.auditor = new LogAuditor(
      (version, settingsVersion) =>
        version === undefined ? handle.plan : this.plans.get(version)?.get(settingsVersion ?? ""),
      recheck,
    );
  }

  /** With `recheckRules` (`verify`), the rules of teams and code owners are re-checked too. */
  static async start(
    ctx: Context,
    handle: MilestoneHandle,
    options: { recheckRules?: boolean } = {},
  ): Promise<MilestoneAudit> {
    const recheck = options.recheckRules
      ? { facts: await readAuditFacts(ctx, handle), notes: [], overrides: [] }
      : undefined;
    return new MilestoneAudit(ctx, handle, recheck);
  }

  /** Audit the next verified event; a promise when its plan version must be read first. */
  see(e: LogEvent): void | Promise<void> {
    const version = e.details.plan_version;
    if (typeof version !== "string") return this.auditor.add(e);
    if (version !== this.handle.planVersion && !this.cited.has(version)) this.cited.set(version, e.seq);
    const settingsVersion = typeof e.details.settings_version === "string" ? e.details.settings_version : undefined;
    if (this.plans.get(version)?.has(settingsVersion ?? "")) return this.auditor.add(e);
    return this.resolve(version, settingsVersion, e.seq).then(() => this.auditor.add(e));
  }

  /**
   * Who overrode the merge gate (`recheckRules`): each actor's access on GitHub asked once, judged by
   * recheckOverride; a finding below the command table's rule, a note when it cannot be asked.
   */
  async recheckOverrides(access: AuditOptions["access"]): Promise<void> {
    const asked = new Map<string, Promise<Awaited<ReturnType<Forge["getPermission"]>> | undefined>>();
    for (const o of this.recheck?.overrides ?? []) {
      const login = o.actor.toLowerCase();
      if (access && !asked.has(login))
        asked.set(
          login,
          access.getPermission(o.actor).catch(() => undefined),
        );
      const verdict = recheckOverride(o, await asked.get(login));
      if ("finding" in verdict) this.late.push({ line: o.line, message: `line ${o.line}: ${verdict.finding}` });
      if ("note" in verdict)
        this.recheck?.notes.push(`line ${o.line}: ${o.actor} overrode phasegate/gate for #${o.pr}; ${verdict.note}`);
    }
  }

  /** Findings that needed a question to the forge after the last event (recheckOverrides). */
  private readonly late: LogProblem[] = [];

  /** The findings in line order, and the notes, after the last event. */
  finish(): { findings: LogProblem[]; notes: string[] } {
    const findings = [...this.auditor.findings(), ...this.late];
    if (this.recheck) this.notes.push(...new Set(this.recheck.notes));
    for (const [version, line] of this.foreign) {
      findings.push({
        line,
        message:
          `line ${line}: plan version ${version.slice(0, 12)} was never on ${this.handle.defaultBranch}'s history: ` +
          `plans decide only from the default branch, so the events that cite it are checked against ${this.handle.defaultBranch}'s plan`,
      });
    }
    findings.sort((a, b) => a.line - b.line);
    return { findings, notes: this.notes };
  }

  /** The cited versions found foreign (see findKnownVersions), with their first line. */
  private readonly foreign = new Map<string, number>();

  private remember(version: string, settingsVersion: string | undefined, plan: Plan | undefined): void {
    const bySettings = this.plans.get(version) ?? this.plans.set(version, new Map()).get(version)!;
    bySettings.set(settingsVersion ?? "", plan);
  }

  private async resolve(version: string, settingsVersion: string | undefined, line: number): Promise<void> {
    const { ctx, handle } = this;
    if (version !== handle.planVersion) {
      this.known ??= findKnownVersions(ctx, handle);
      const known = await this.known;
      if (known && !known.has(version)) {
        // Decided by a plan the default branch never had: checked against the default branch's own.
        if (!this.foreign.has(version)) this.foreign.set(version, this.cited.get(version) ?? line);
        this.remember(version, settingsVersion, handle.plan);
        return;
      }
    }
    const plan = await readPlanVersion(ctx, handle, version, settingsVersion);
    if (!plan)
      this.notes.push(
        `plan version ${version.slice(0, 12)} (line ${line}) is not in this repository; checked against ${handle.defaultBranch}'s plan`,
      );
    this.remember(version, settingsVersion, plan ?? handle.plan);
  }
}

/**
 * Every version this milestone's plan file had on the default branch: a recorded version that is not
 * one of them was read from elsewhere (the milestone branch, a local branch never pushed, another
 * milestone's plan). Asked of the repository once, when some event cites a version other than the
 * current one; undefined when the repository cannot say.
 */
async function findKnownVersions(ctx: Context, handle: MilestoneHandle): Promise<Set<string> | undefined> {
  if (!ctx.repo.historyBlobs) return undefined;
  const paths = PLAN_DIRS.flatMap((dir) => [".yaml", ".yml"].map((ext) => `${dir}/${handle.plan.id}${ext}`));
  return new Set(await ctx.repo.historyBlobs(handle.defaultBranch, paths));
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
  const readBlob = ctx.repo.readBlob?.bind(ctx.repo);
  if (!readBlob) return undefined;
  // Both blobs through the plan cache, each read only when the cache does not have its version (one
  // read here before): the settings parser (and the yaml library) loads only on a miss.
  const parsed =
    settingsVersion === undefined
      ? undefined
      : await parseSettingsBlobCached(ctx, {
          path: SETTINGS_PATH,
          version: settingsVersion,
          read: () => readBlob(settingsVersion),
        });
  const own = parsed?.settings;
  const settings: ReadSettings = {
    settings: own ?? NO_SETTINGS,
    ...(parsed !== undefined && { version: settingsVersion }),
    issues: [],
    notices: [],
    // Only the file's own keys apply here: a file that extends another is parsed afresh, never cached.
    extended: own?.extends !== undefined,
  };
  const blob = { path: handle.plan.file, version, read: () => readBlob(version) };
  return (await parseCachedBlob(ctx, blob, settings))?.plan;
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
