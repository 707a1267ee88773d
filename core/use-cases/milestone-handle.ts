import type { LogEvent, NewEvent } from "../events/event.js";
import { StateFolder } from "../events/fold.js";
import { checkSnapshots } from "../events/check-snapshots.js";
import { identityOf } from "../events/merge-logs.js";
import { parseLog, type LogProblem } from "../events/parse-log.js";
import { sealEvent } from "../events/serialize-event.js";
import type { MilestoneState } from "../events/state.js";
import { CommandRefused } from "../commands/command-refused.js";
import { PlanError } from "../plan/plan-error.js";
import type { Plan } from "../plan/plan.js";
import type { FileChange, Snapshot } from "../ports.js";
import { computeStatusView, type StatusView } from "../render/status-view.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";
import { openPlan, type OpenedPlan } from "./open-plan.js";
import { retryDelay } from "./retry-delay.js";

const MAX_ATTEMPTS = 8;
const GITATTRIBUTES = ".gitattributes";
/** Logs are stored with LF everywhere, and merged by Phasegate's driver (ADR 10). */
export const LOG_ATTRIBUTES = ".milestones/logs/*.jsonl text eol=lf merge=phasegate-log";

/** What a step records: events, and the files that change with them (in the same commit on GitHub). */
export type Decision = NewEvent[] | { events: NewEvent[]; files: FileChange[] };

/**
 * Decides a step from the current state and the work snapshot; called again, from scratch, after a
 * conflicting write, so every rule is re-checked against what is there now.
 */
export type Decide = (state: MilestoneState, work: Snapshot) => Decision | Promise<Decision>;

/**
 * A milestone opened for reading and writing: its plan as committed on the default branch, its
 * verified log on the milestone branch, and the folded state. Writes are compare-and-swap: `commit`
 * writes only if nothing it read changed; otherwise it re-reads, re-folds and asks `decide` again.
 */
export class MilestoneHandle {
  private folder!: StateFolder;
  private cached: MilestoneState | undefined;
  private problem: LogProblem | undefined;
  /** What the next write puts instead of appending (see ParsedLog.tidy); undefined: append. */
  private tidy: string | undefined;
  /** Whether the log file existed when last read (its first write also writes `.gitattributes`). */
  private logExists = false;
  /** The verified events, as read and written (the audit's input). */
  private events: LogEvent[] = [];
  private note: string | undefined;
  /** The files where work happens (milestone branch head, or the working tree), as last read or written. */
  work!: Snapshot;

  private constructor(
    private readonly ctx: Context,
    private readonly opened: OpenedPlan,
  ) {}

  /**
   * Open milestone `milestoneId`: the plan from the default branch (never the branch being worked on),
   * the log from the milestone branch. `command` names the caller in refusals.
   */
  static async open(ctx: Context, milestoneId: string, command = "open"): Promise<MilestoneHandle> {
    const opened = await openPlan(ctx, milestoneId, command);
    if (!opened.plan) throw new PlanError(opened.issues.filter((i) => i.severity === "error"));
    const handle = new MilestoneHandle(ctx, opened);
    await handle.reload(opened.work);
    return handle;
  }

  /** The plan as committed on the default branch. */
  get plan(): Plan {
    return this.opened.plan as Plan;
  }

  /** The plan file's blob id on the default branch: every event records it. */
  get planVersion(): string {
    return this.opened.version;
  }

  get defaultBranch(): string {
    return this.opened.defaultBranch;
  }

  /** The default branch's snapshot the plan was read from (required milestones are read there too). */
  get planSnapshot(): Snapshot {
    return this.opened.snapshot;
  }

  /** Things the user should know that do not stop the command (a working copy of the plan that differs). */
  get notices(): readonly string[] {
    return this.opened.notices;
  }

  get state(): MilestoneState {
    this.cached ??= this.folder.state();
    return this.cached;
  }

  /** Why the log does not verify (hand edits, truncation), or undefined when it does. */
  get logProblem(): LogProblem | undefined {
    return this.problem;
  }

  /** Something harmless about the log's text (blank lines at the end, CRLF line ends), or undefined. */
  get logNote(): string | undefined {
    return this.note;
  }

  /** The dashboard view of the current state (what `status` shows and `--json` returns), with audit findings. */
  view(now: Date, findings: readonly LogProblem[] = []): StatusView {
    return computeStatusView(this.plan, this.state, now, this.problem, findings);
  }

  /** The verified events, oldest first (the audit re-checks them). */
  get verifiedEvents(): readonly LogEvent[] {
    return this.events;
  }

  /** Read the log again from the work snapshot (`fresh`: one already read, for the first load). */
  async reload(fresh?: Snapshot): Promise<void> {
    const work = fresh ?? (await this.ctx.repo.work(this.plan.branch));
    const snapshot = await work.read(logPath(this.plan.id));
    const parsed = parseLog(snapshot?.text ?? "", this.plan.id);
    this.folder = new StateFolder(this.plan);
    for (const event of parsed.events) this.folder.apply(event);
    this.events = parsed.events;
    this.work = work;
    this.tidy = parsed.tidy;
    this.note = parsed.note;
    this.logExists = snapshot !== undefined;
    this.problem = parsed.problem ?? (await this.checkWitness(parsed.events));
    this.cached = undefined;
    if (!this.problem) await this.remember();
  }

  /** Write the step `decide` returns, atomically; returns the events written ([] when nothing to do). */
  async commit(decide: Decide): Promise<LogEvent[]> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (this.problem) {
        throw new CommandRefused(
          "write",
          `the event log ${logPath(this.plan.id)} does not verify: ${this.problem.message}`,
          {
            code: "log-unverified",
            whoCan: "nothing more is recorded until it is repaired; no event is dropped without confirmation",
            next: { verb: "log-repair", milestone: this.plan.id },
            data: { line: this.problem.line },
          },
        );
      }
      const decision = await decide(this.state, this.work);
      const { events, files } = Array.isArray(decision) ? { events: decision, files: [] } : decision;
      if (events.length === 0 && files.length === 0) return [];
      const sealed = this.seal(events);
      const changes: FileChange[] = [...files];
      if (sealed.length > 0) changes.push(...(await this.logChanges(sealed.map((s) => s.line + "\n").join(""))));
      const result = await this.ctx.repo.write({
        branch: this.plan.branch,
        base: this.work,
        changes,
        message: renderStepMessage(this.plan.id, events, this.ctx.sessionId),
      });
      if (result.ok) {
        for (const s of sealed) this.folder.apply(s.event);
        this.events.push(...sealed.map((s) => s.event));
        this.work = result.snapshot;
        this.cached = undefined;
        if (sealed.length > 0) [this.tidy, this.note, this.logExists] = [undefined, undefined, true];
        await this.remember();
        return sealed.map((s) => s.event);
      }
      this.ctx.logger.debug(`${this.plan.branch} changed under us (attempt ${attempt}); re-reading`);
      await this.ctx.clock.sleep(retryDelay(attempt, this.ctx.random ?? Math.random));
      await this.reload();
    }
    throw new Error(`could not write to ${this.plan.branch}: it kept changing (${MAX_ATTEMPTS} attempts)`);
  }

  /**
   * The log's change for `text` (new lines): an append after the last line, or a put of the tidied
   * text plus the lines when blank lines or CRs were read. A new log brings `.gitattributes` along.
   */
  private async logChanges(text: string): Promise<FileChange[]> {
    const path = logPath(this.plan.id);
    const log: FileChange =
      this.tidy === undefined ? { kind: "append", path, text } : { kind: "put", path, text: this.tidy + text };
    if (this.logExists) return [log];
    const attributes = await this.work.read(GITATTRIBUTES);
    const current = attributes?.text ?? "";
    if (current.split(/\r?\n/).some((line) => line.trim() === LOG_ATTRIBUTES)) return [log];
    const separator = current === "" || current.endsWith("\n") ? "" : "\n";
    return [{ kind: "put", path: GITATTRIBUTES, text: `${current}${separator}${LOG_ATTRIBUTES}\n` }, log];
  }

  /** A log shorter than its last verified head, or with another line there, lost or rewrote its tail. */
  private async checkWitness(events: LogEvent[]): Promise<LogProblem | undefined> {
    const mark = await this.ctx.witness?.recall(this.plan.id);
    if (!mark) return undefined;
    // A merge or rebase may re-seal the events after it (ADR 10): the head is then found by its identity.
    if (events[mark.seq - 1]?.hash !== mark.hash && events.some((e) => identityOf(e) === mark.hash)) return undefined;
    const where = "the last verified head";
    return checkSnapshots(
      events.map((e) => e.hash),
      [{ file: where, seq: mark.seq, head: mark.hash }],
    );
  }

  private async remember(): Promise<void> {
    const { seq, head } = this.state;
    if (seq > 0) await this.ctx.witness?.record(this.plan.id, { seq, hash: head });
  }

  private seal(next: NewEvent[]): { line: string; event: LogEvent }[] {
    let seq = this.state.seq;
    let prev = this.state.head;
    const timestamp = this.ctx.clock.now().toISOString();
    return next.map((e) => {
      seq += 1;
      const body = {
        v: 1 as const,
        seq,
        timestamp,
        event: e.event,
        milestone_id: this.plan.id,
        session_id: this.ctx.sessionId,
        actor: e.actor,
        ...(e.task_id !== undefined && { task_id: e.task_id }),
        ...(e.phase !== undefined && { phase: e.phase }),
        details: { ...e.details, ...this.ctx.source, plan_version: this.planVersion },
        prev,
      };
      const { line, hash } = sealEvent(body);
      prev = hash;
      return { line, event: { ...body, hash } };
    });
  }
}

/** The commit message of one step on GitHub: what happened, and trailers tools can read. */
function renderStepMessage(milestoneId: string, events: NewEvent[], sessionId: string): string {
  const first = events[0];
  const what = first
    ? [first.event, first.task_id, first.phase].filter(Boolean).join(" ") +
      (events.length > 1 ? ` (+${events.length - 1} events)` : "")
    : "update files";
  return `phasegate(${milestoneId}): ${what}\n\nPhasegate-Milestone: ${milestoneId}\nPhasegate-Session: ${sessionId}\n`;
}
