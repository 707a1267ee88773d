import { gateRule } from "../plan/approval-rule.js";
import { recheckApproval, recheckCompletion, type AuditFacts, type Recheck } from "./recheck-gate.js";
import { checkOverrideShape, type RecordedOverride } from "./check-override-shape.js";
import type { Plan, Task } from "../plan/plan.js";
import type { LogEvent } from "../events/event.js";
import { findDecisionConflicts, isDecision } from "../events/find-decision-conflicts.js";
import type { LogProblem } from "../events/parse-log.js";

/**
 * The plan a version (the plan file's blob id an event records) names, built with the repository
 * settings of `settingsVersion` (the settings file's blob id, when the event records one); undefined
 * when it cannot be found.
 */
export type ResolvePlan = (version: string | undefined, settingsVersion?: string) => Plan | undefined;

interface PhaseTrack {
  validated?: string;
  /** Whether the plan the phase started under gated it, and that plan's version and line. */
  started?: { gated: boolean; version: string | undefined; line: number };
  /** Valid approvals: approver → digest approved. */
  approvals: Map<string, string>;
  /** Where each valid approval came from (`cli`, `comment`, `review`). */
  via: Map<string, string>;
}

/**
 * With `facts`, the audit also re-checks rules of teams and code owners; what it cannot check goes to
 * `notes`. Overrides of the merge gate go to `overrides`: who may override is a matter of access on
 * the forge, which the log does not record, so the caller asks (recheckOverride).
 */
export interface AuditRecheck {
  facts: AuditFacts;
  notes: string[];
  overrides?: RecordedOverride[];
}

/**
 * Re-check every transition of a verified log against the rules and the plan version each event
 * records: a gated phase completed without a valid approval (one whose digest matches the last
 * validated deliverables), an approval by someone who is not an approver in that plan version, or by
 * the task's author (an assignee in that plan, or anyone the log shows claimed it or started it by
 * hand) when self-approval is off. The hash chain proves no line was edited; this proves no line
 * should not have been written. One pass, pure; findings are reported at their line like tampering.
 * The fold stays a plain replay (ADR 10): it counts what the log says, and the audit says what is wrong.
 */
export function auditLog(resolvePlan: ResolvePlan, events: readonly LogEvent[], recheck?: AuditRecheck): LogProblem[] {
  const auditor = new LogAuditor(resolvePlan, recheck);
  for (const e of events) auditor.add(e);
  return auditor.findings();
}

/**
 * auditLog one event at a time, keeping only what later events are judged by (each phase's track,
 * each task's authors, the decisions and merges findDecisionConflicts reads), never the events
 * themselves: `status` audits while it verifies and folds, in one pass over a log of any length.
 */
export class LogAuditor {
  private readonly found: LogProblem[] = [];
  /** Each task's phases' tracks: task id → phase id ("" for none) → track. */
  private readonly phases = new Map<string, Map<string, PhaseTrack>>();
  private readonly authors = new Map<string, Set<string>>();
  /** Tasks by id per plan version: a lookup per event, not a scan of the plan's tasks. */
  private readonly tasksOf = new Map<Plan, Map<string, Task>>();
  /** The decisions and merges, for findDecisionConflicts. */
  private readonly kept: LogEvent[] = [];

  constructor(
    private readonly resolvePlan: ResolvePlan,
    private readonly recheck?: AuditRecheck,
  ) {}

  /** The findings so far, in line order, with the conflicting decisions of merged clones. */
  findings(): LogProblem[] {
    // Two clones' contradicting decisions, joined by a merge: in line order with the rest.
    return [...this.found, ...findDecisionConflicts(this.kept)].sort((a, b) => a.line - b.line);
  }

  private findTask(plan: Plan, id: string): Task | undefined {
    let byId = this.tasksOf.get(plan);
    if (!byId) {
      byId = new Map();
      for (const t of plan.tasks) if (!byId.has(t.id)) byId.set(t.id, t);
      this.tasksOf.set(plan, byId);
    }
    return byId.get(id);
  }

  /** The plan version an event cites (its blob id), built with the settings version it cites. */
  private planOf(e: LogEvent): { plan: Plan | undefined; version: string | undefined } {
    const { plan_version: planVersion, settings_version: settingsVersion } = e.details;
    const version = typeof planVersion === "string" ? planVersion : undefined;
    return {
      plan: this.resolvePlan(version, typeof settingsVersion === "string" ? settingsVersion : undefined),
      version,
    };
  }

  /** Judge the next event of the log (events in line order, each once). */
  add(e: LogEvent): void {
    if (isDecision(e) || e.event === "logs_merged") this.kept.push(e);
    if (e.event === "gate_overridden") return this.addOverride(e);
    if (e.task_id === undefined || !AUDITED.has(e.event)) return;
    const { plan, version } = this.planOf(e);
    const task = plan && this.findTask(plan, e.task_id);
    if (!plan || !task) return;
    // Most events of a long log are validations: each only moves its phase's digest, so no more is built for them.
    switch (e.event) {
      case "deliverables_validated":
        this.track(task.id, e.phase).validated = String(e.details.digest ?? "");
        return;
      case "task_claimed":
        this.authorsOf(task.id).add(e.actor.toLowerCase());
        return;
      case "phase_started": {
        if (e.details.by_hand === true) this.authorsOf(task.id).add(e.actor.toLowerCase());
        this.track(task.id, e.phase).started = { gated: isGated(task, e.phase), version, line: e.seq };
        return;
      }
      case "phase_rejected":
        this.track(task.id, e.phase).approvals.clear();
        return;
      case "approval_revoked": {
        const { approvals } = this.track(task.id, e.phase);
        if (typeof e.details.approver === "string") approvals.delete(e.details.approver.toLowerCase());
        else approvals.clear();
        return;
      }
      case "phase_approved":
        return this.addApproval(e, plan, task, version);
      case "phase_completed":
        return this.addCompletion(e, plan, task, version);
    }
  }

  private addApproval(e: LogEvent, plan: Plan, task: Task, version: string | undefined): void {
    const actor = e.actor.toLowerCase();
    const via = String(e.details.via ?? "cli");
    const where = describePhase(task, e.phase);
    const wrong = checkApprover(plan, task, e.phase, actor, this.authorsOf(task.id), version);
    if (wrong) return this.at(e, `${e.actor} approved ${where}, but ${wrong}`);
    const phase = task.phases.find((p) => p.id === e.phase);
    const { recheck } = this;
    const again = recheck && phase && recheckApproval(plan, task, phase, actor, via, recheck.facts);
    const approvedBy = `${e.actor} approved ${where}`;
    if (
      this.judged(
        e,
        again,
        (m) => `${approvedBy}, but ${m}`,
        (m) => `${approvedBy}; not re-checked: ${m}`,
      )
    )
      return;
    const ph = this.track(task.id, e.phase);
    ph.approvals.set(actor, String(e.details.digest ?? ""));
    ph.via.set(actor, via);
  }

  private addCompletion(e: LogEvent, plan: Plan, task: Task, version: string | undefined): void {
    const ph = this.track(task.id, e.phase);
    const phase = task.phases.find((p) => p.id === e.phase);
    const where = describePhase(task, e.phase);
    const gated = isGated(task, e.phase);
    const counted = [...ph.approvals].filter(
      ([, digest]) => digest !== "" && (digest === ph.validated || phase?.onChange === "keep"),
    );
    const approved = [...ph.approvals.values()].some((digest) => digest !== "" && digest === ph.validated);
    const { recheck } = this;
    if (gated && approved && recheck && phase) {
      const approvals = counted.map(([by]) => ({ by, via: ph.via.get(by) ?? "cli" }));
      const r = recheckCompletion(plan, task, phase, approvals, this.authorsOf(task.id), recheck.facts);
      this.judged(
        e,
        r,
        (m) => `${where} completed, but ${m}`,
        (m) => `${where} completed; ${m}`,
      );
    }
    if (gated && !approved) {
      this.at(
        e,
        `${where} completed without a valid approval (its gate needs one that matches the validated deliverables)`,
      );
    } else if (!approved && ph.started?.gated === true) {
      const { version: before, line } = ph.started;
      this.at(
        e,
        `${where} completed without an approval: the plan changed under the open phase (gated in plan version ` +
          `${before?.slice(0, 7) ?? "?"} when it started at line ${line}, not in ${version?.slice(0, 7) ?? "?"})`,
      );
    }
  }

  /** The track of a task's phase, made on first use. */
  private track(taskId: string, phase: string | undefined): PhaseTrack {
    const byPhase = this.phases.get(taskId) ?? this.phases.set(taskId, new Map()).get(taskId)!;
    const key = phase ?? "";
    return byPhase.get(key) ?? byPhase.set(key, { approvals: new Map(), via: new Map() }).get(key)!;
  }

  /** Who wrote a task (its claimants and those who started a phase by hand), as lower-case logins. */
  private authorsOf(taskId: string): Set<string> {
    return this.authors.get(taskId) ?? this.authors.set(taskId, new Set()).get(taskId)!;
  }

  private at(e: LogEvent, message: string): void {
    this.found.push({ line: e.seq, message: `line ${e.seq}: ${message}` });
  }

  /** A re-check's verdict: a finding at this line, a note, or nothing; true when it found something wrong. */
  private judged(
    e: LogEvent,
    r: Recheck | undefined,
    finding: (m: string) => string,
    note: (m: string) => string,
  ): boolean {
    if (r && "finding" in r) this.at(e, finding(r.finding));
    if (r && "note" in r) this.recheck?.notes.push(`line ${e.seq}: ${note(r.note)}`);
    return r !== undefined && "finding" in r;
  }

  /** A `gate_overridden`: shaped as `/override-gate` writes it, then its actor's access is the caller's to ask. */
  private addOverride(e: LogEvent): void {
    const wrong = checkOverrideShape(e, this.planOf(e).plan);
    if (wrong) return this.at(e, `${e.actor} overrode phasegate/gate, but ${wrong}`);
    const { pr, sha } = e.details as { pr: number; sha: string };
    this.recheck?.overrides?.push({ line: e.seq, actor: e.actor, pr, sha });
  }
}

/** The events the audit looks at; every other one leaves its tracks as they are. */
const AUDITED = new Set<string>([
  "task_claimed",
  "phase_started",
  "deliverables_validated",
  "phase_approved",
  "phase_rejected",
  "approval_revoked",
  "phase_completed",
]);

function describePhase(task: Task, phase: string | undefined): string {
  return `${task.id} ${phase ?? ""}`.trim();
}

function isGated(task: Task, phase: string | undefined): boolean {
  return task.phases.find((p) => p.id === phase)?.approvalRequired === true;
}

/**
 * Why `actor` (lower-cased) may not approve `task` in `plan`, or undefined. Only a rule that names
 * people alone can be checked here: teams, code owners and "anyone" groups pass.
 */
function checkApprover(
  plan: Plan,
  task: Task,
  phaseId: string | undefined,
  actor: string,
  authors: Set<string>,
  version: string | undefined,
): string | undefined {
  const phase = task.phases.find((p) => p.id === phaseId) ?? {};
  const from = gateRule(plan, task, phase).groups.map((g) => g.from);
  const peopleOnly = from.every((f) => f.length > 0 && f.every((p) => p.kind === "user"));
  const named = from.flat().map((p) => (p.kind === "user" ? p.login : ""));
  const version7 = version ? ` ${version.slice(0, 7)}` : "";
  if (peopleOnly && !named.some((a) => a.toLowerCase() === actor)) {
    return `${actor} is not an approver in plan version${version7} (approvers: ${[...new Set(named)].join(", ")})`;
  }
  const self = task.assignees.some((a) => a.toLowerCase() === actor) || authors.has(actor);
  if (self && !plan.settings.allowSelfApproval)
    return `${actor} is the task's author (assignee or claimant) and self-approval is off`;
  return undefined;
}
