import { addLogAttributes } from "./add-log-attributes.js";
import type { Json, LogEvent, NewEvent } from "../events/event.js";
import { StateFolder } from "../events/fold.js";
import { checkSnapshots } from "../events/check-snapshots.js";
import { identityOf } from "../events/merge-logs.js";
import { parseLog, parseLogTail, visitLog, type LogProblem, type LogVisitor } from "../events/parse-log.js";
import { hashText, sealOrderedEvent } from "../events/serialize-event.js";
import type { MilestoneState } from "../events/state.js";
import { CommandRefused } from "../commands/command-refused.js";
import { PlanError, type PlanIssue } from "../plan/plan-error.js";
import type { Plan } from "../plan/plan.js";
import type { LabelOptions } from "../projection/labels.js";
import type { FileChange, Snapshot, TrustedPrefix } from "../ports.js";
import { computeStatusView, type StatusView } from "../render/status-view.js";
import type { Context } from "./context.js";
import { logPath } from "./find-plan.js";
import { openPlan, type OpenedPlan } from "./open-plan.js";
import { retryDelay } from "./retry-delay.js";
import { findAnchorMismatch, tamperedLogRefusal } from "./check-log-anchor.js";
import { explainGates } from "./explain-gates.js";
import { decideAutoStarts } from "../workflow/decide-auto-starts.js";

const MAX_ATTEMPTS = 8;

/** A log's last verified head as the witness keeps it. */
type WitnessMark = { seq: number; hash: string };
/** The least number of events between two recordings of the trusted prefix. */
const PREFIX_EVERY = 64;
const GITATTRIBUTES = ".gitattributes";

/**
 * How much of the log a handle verifies when it reads it: `full`, every line (what `status` and
 * `verify` show); `incremental`, only the lines after the trusted prefix kept beside the witness,
 * when there is one and the log still holds it (commands that write), else every line.
 */
export type Verification = "full" | "incremental";

/**
 * How a handle opens: `verification` (above); `narrow`, for a command that reads a few tasks
 * (`claim`, `approve`): the cached plan's tasks and the trusted prefix's task states are parsed
 * only when used (ADR 32). A command that reads every task (`execute`) should not be narrow: it
 * would pay a proxy's indirection on each read.
 */
export interface OpenOptions {
  verification?: Verification;
  narrow?: boolean;
}

/** Where the handle's verified text of the log ends (to grow the trusted prefix from). */
interface VerifiedEnd {
  bytes: number;
  lastLine: string;
  identity: string;
}

/** What a step records: events, and the files that change with them (in the same commit on GitHub). */
export type Decision = NewEvent[] | { events: NewEvent[]; files: FileChange[] };

/**
 * Events a decision seals and folds as it goes, for one that decides many steps in a row on the
 * state they lead to (`advance`): each event is folded once, into the handle's own state.
 */
export interface Draft {
  /** The state with the events added so far; valid until the next `add`, never to keep. */
  live(): MilestoneState;
  /** How many tasks are completed in `live()`. */
  completedTasks(): number;
  /** Seal `events` after those added before and fold them; the step writes them before what `decide` returns. */
  add(events: readonly NewEvent[]): void;
}

/**
 * Decides a step from the current state and the work snapshot; called again, from scratch, after a
 * conflicting write, so every rule is re-checked against what is there now.
 */
export type Decide = (state: MilestoneState, work: Snapshot, draft: Draft) => Decision | Promise<Decision>;

/** One event as written: its line (without the newline) and the event. */
type Sealed = { line: string; event: LogEvent };

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
  /** The verified events, as read and written (the audit's input); after an incremental read, only the tail. */
  private events: LogEvent[] = [];
  /** Whether `events` starts at the log's first line. */
  private complete = false;
  /** Whether `open`'s visitor saw every verified event (see observed). */
  private sawAll = false;
  /** Where the verified log text ends, when known (a file this handle read with its identity). */
  private end: VerifiedEnd | undefined;
  /** The seq of the trusted prefix as last recalled or recorded. */
  private prefixSeq = 0;
  private note: string | undefined;
  /** The work snapshot last found to extend the anchored log (ADR 19), so it is checked once. */
  private anchorChecked: Snapshot | undefined;
  /** The files where work happens (milestone branch head, or the working tree), as last read or written. */
  work!: Snapshot;
  /** The trusted prefix read while the plan was opened, for the first read of the log only (see open). */
  private early: Promise<TrustedPrefix | undefined> | undefined;

  private constructor(
    private readonly ctx: Context,
    private readonly opened: OpenedPlan,
    private readonly verification: Verification,
    private readonly narrow: boolean,
  ) {}

  /**
   * Open milestone `milestoneId`: the plan from the default branch (never the branch being worked on),
   * the log from the milestone branch. `command` names the caller in refusals.
   */
  static async open(
    ctx: Context,
    milestoneId: string,
    command = "open",
    options: OpenOptions = {},
    observe?: (handle: MilestoneHandle) => Promise<LogVisitor>,
  ): Promise<MilestoneHandle> {
    const { verification = "full", narrow = false } = options;
    // A writer's trusted prefix is read while git is asked for the plan (it only needs the milestone's id).
    // An older prefix than the one found later is still a verified prefix of the log: the checks hold.
    const early = verification === "incremental" ? recallPrefix(ctx, milestoneId, narrow) : undefined;
    const opened = await openPlan(ctx, milestoneId, command, narrow);
    if (!opened.plan) throw new PlanError(opened.issues.filter((i) => i.severity === "error"));
    const handle = new MilestoneHandle(ctx, opened, verification, narrow);
    handle.early = early;
    if (observe) await handle.readObserved(opened.work, await observe(handle));
    else await handle.reload(opened.work);
    return handle;
  }

  /**
   * Whether the visitor given to `open` saw every verified event of the log, once, in line order
   * (the whole log verified in one pass); false when the log had a problem or disagreed with the
   * witness, and was then read again the ordinary way (which says what is wrong).
   */
  get observed(): boolean {
    return this.sawAll;
  }

  /** The plan as committed on the default branch. */
  get plan(): Plan {
    return this.opened.plan as Plan;
  }

  /** The plan file's blob id on the default branch: every event records it. */
  get planVersion(): string {
    return this.opened.version;
  }

  /** Whether the plan was parsed in this run, not read from the plan cache (see OpenedPlan.fresh). */
  get planIsFresh(): boolean {
    return this.opened.fresh === true;
  }

  /** `.github/phasegate.yml`'s blob id on the plan's snapshot, when there is one: every event records it too. */
  get settingsVersion(): string | undefined {
    return this.opened.settingsVersion;
  }

  /** Warnings about the plan and `.github/phasegate.yml` (errors stop `open`). */
  get issues(): readonly PlanIssue[] {
    return this.opened.issues;
  }

  /** The labels' names and colours the repository's settings give (the same for every shell's sync). */
  get labels(): LabelOptions {
    return this.opened.labels;
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
  view(now: Date, findings: readonly LogProblem[] = [], gates?: ReadonlyMap<string, { line: string }>): StatusView {
    return computeStatusView(this.plan, this.state, now, this.problem, findings, gates);
  }

  /** The view with each waiting gate explained in one line (explainGates: asks the forge about teams). */
  async explainedView(now: Date, findings: readonly LogProblem[] = []): Promise<StatusView> {
    return this.view(now, findings, await explainGates(this.ctx, this));
  }

  /** The verified events, oldest first (the audit re-checks them): the whole log, verified in full if it was not. */
  async verifiedEvents(): Promise<readonly LogEvent[]> {
    if (!this.complete) await this.reloadInFull(this.work, await this.ctx.witness?.recall(this.plan.id));
    return this.events;
  }

  /** Read the log again from the work snapshot (`fresh`: one already read, for the first load). */
  async reload(fresh?: Snapshot): Promise<void> {
    // The witness first, then the log: a head is recorded only after its lines were written and a log
    // only grows, so the log read next holds at least that head. Read the other way round, another
    // process's append landing in between looked like lines cut from the end (a false tamper alarm).
    const mark = await this.ctx.witness?.recall(this.plan.id);
    const work = fresh ?? (await this.ctx.repo.work(this.plan.branch, { paths: [logPath(this.plan.id)] }));
    if (this.verification === "incremental" && (await this.reloadFromPrefix(work, mark))) return;
    await this.reloadInFull(work, mark);
  }

  /**
   * Verify and fold the whole log in one pass, handing each event to `visit` and keeping none (the
   * audit of `status` runs in the same pass). A log with a problem, or one the witness disagrees
   * with, is read again by reloadInFull, which keeps its events to say what is wrong.
   */
  private async readObserved(fresh: Snapshot | undefined, visit: LogVisitor): Promise<void> {
    // The witness first, then the log (see reload).
    const mark = await this.ctx.witness?.recall(this.plan.id);
    const work = fresh ?? (await this.ctx.repo.work(this.plan.branch, { paths: [logPath(this.plan.id)] }));
    const { tail, snapshot } = await readWholeLog(work, logPath(this.plan.id));
    const folder = new StateFolder(this.plan);
    let atMark: string | undefined;
    const read = await visitLog(snapshot?.text ?? "", this.plan.id, (event) => {
      folder.apply(event);
      if (event.seq === mark?.seq) atMark = event.hash;
      return visit(event);
    });
    if (read.problem || (mark && atMark !== mark.hash)) return this.reloadInFull(work, mark);
    this.folder = folder;
    [this.events, this.complete, this.sawAll] = [[], false, true];
    await this.settleFullRead(work, snapshot !== undefined, read, tail, read.count);
  }

  private async reloadInFull(work: Snapshot, mark: WitnessMark | undefined): Promise<void> {
    const { tail, snapshot } = await readWholeLog(work, logPath(this.plan.id));
    const parsed = parseLog(snapshot?.text ?? "", this.plan.id);
    this.folder = new StateFolder(this.plan);
    for (const event of parsed.events) this.folder.apply(event);
    [this.events, this.complete, this.sawAll] = [parsed.events, true, false];
    const problem = parsed.problem ?? this.checkWitness(parsed.events, mark);
    await this.settleFullRead(work, snapshot !== undefined, { ...parsed, problem }, tail, parsed.events.length);
  }

  /** What reading the whole log leaves: its notes and problem, where its verified text ends, the witness and prefix. */
  private async settleFullRead(
    work: Snapshot,
    exists: boolean,
    parsed: { tidy?: string; note?: string; problem?: LogProblem },
    tail: { text: string; size: number; identity: string } | undefined,
    count: number,
  ): Promise<void> {
    this.work = work;
    this.tidy = parsed.tidy;
    this.note = parsed.note;
    this.logExists = exists;
    this.problem = parsed.problem;
    this.cached = undefined;
    const lastLine = tail?.text.slice(tail.text.lastIndexOf("\n", tail.text.length - 2) + 1) ?? "";
    this.end =
      tail && !this.problem && parsed.tidy === undefined && count > 0
        ? { bytes: tail.size, lastLine, identity: tail.identity }
        : undefined;
    if (this.problem) return;
    // The stored prefix's seq first: remember() records a new prefix only once the log moved on from it
    // by enough events (a warm `status` writes nothing; one after a pull saves the next writer a full read).
    if (this.end && this.ctx.witness?.recordPrefix) this.prefixSeq = (await this.recallPrefixSeq()) ?? 0;
    await this.remember();
    // A handle that writes keeps the prefix at the log it verified in full.
    if (this.end && this.verification === "incremental" && this.prefixSeq !== this.state.seq) await this.recordPrefix();
  }

  private async recallPrefixSeq(): Promise<number | undefined> {
    const witness = this.ctx.witness;
    const seq = witness?.recallPrefixSeq
      ? witness.recallPrefixSeq(this.plan.id)
      : witness?.recallPrefix?.(this.plan.id).then((p) => p?.seq);
    return seq?.catch(() => undefined);
  }

  /**
   * Verify and fold only what was appended after the trusted prefix; false (nothing changed) when
   * the prefix cannot be used: none, another plan version, another file, a shorter one, its last line
   * not where it was, or anything after it that does not verify or disagrees with the witness. The
   * caller then verifies the whole log, which also says what is wrong.
   */
  private async reloadFromPrefix(work: Snapshot, mark: WitnessMark | undefined): Promise<boolean> {
    const early = this.early;
    this.early = undefined;
    const prefix = await (early ?? recallPrefix(this.ctx, this.plan.id, this.narrow));
    if (!prefix || !work.readTail || prefix.planVersion !== this.planVersion) return false;
    if (prefix.settingsVersion !== this.settingsVersion) return false;
    const tail = await work.readTail(logPath(this.plan.id), prefix.bytes - prefix.lastLineBytes);
    if (!tail || tail.identity !== prefix.identity || tail.size < prefix.bytes) return false;
    const split = tail.text.indexOf("\n") + 1;
    const trustedLine = tail.text.slice(0, split);
    if (split === 0 || byteLength(trustedLine) !== prefix.lastLineBytes) return false;
    if (hashText(trustedLine) !== prefix.lastLineDigest) return false;
    const parsed = parseLogTail(tail.text.slice(split), this.plan.id, { seq: prefix.seq, head: prefix.hash });
    const folder = StateFolder.resume(this.plan, prefix.state);
    if (parsed.problem || !folder || !this.witnessAgrees(prefix, parsed.events, mark)) return false;
    for (const event of parsed.events) folder.apply(event);
    this.folder = folder;
    this.events = parsed.events;
    this.complete = false;
    this.work = work;
    [this.tidy, this.note, this.problem, this.cached] = [undefined, undefined, undefined, undefined];
    this.logExists = true;
    const last =
      parsed.events.length > 0 ? tail.text.slice(tail.text.lastIndexOf("\n", tail.text.length - 2) + 1) : trustedLine;
    this.end = { bytes: tail.size, lastLine: last, identity: tail.identity };
    this.prefixSeq = prefix.seq;
    this.ctx.logger.debug(
      `${logPath(this.plan.id)}: verified ${parsed.events.length} lines after the trusted prefix (${prefix.seq} lines)`,
    );
    await this.remember();
    return true;
  }

  /**
   * Whether the witness's head (recalled before the log was read) is the prefix's last event or one
   * of the events after it; an older head says nothing new, so the whole log is verified instead.
   */
  private witnessAgrees(prefix: TrustedPrefix, after: LogEvent[], mark: WitnessMark | undefined): boolean {
    if (!mark) return true;
    if (mark.seq === prefix.seq) return mark.hash === prefix.hash;
    return after[mark.seq - prefix.seq - 1]?.hash === mark.hash;
  }

  /** Write the step `decide` returns, atomically; returns the events written ([] when nothing to do). */
  async commit(decide: Decide): Promise<LogEvent[]> {
    let reread = false;
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
      if (this.anchorChecked !== this.work) {
        const mismatch = await findAnchorMismatch(this.ctx.repo, this.plan.id, this.work, () => this.verifiedEvents());
        // Behind the anchor: most likely a write landed between the two reads; read both again, once.
        if (mismatch?.behind && !reread) {
          reread = true;
          await this.reload();
          continue;
        }
        if (mismatch) throw tamperedLogRefusal(this.plan, mismatch);
        this.anchorChecked = this.work;
      }
      const drafted: Sealed[] = [];
      let decision: Decision;
      try {
        decision = await decide(this.state, this.work, this.draft(drafted));
      } catch (error) {
        // Drafted events are folded already: start again from what is stored.
        if (drafted.length > 0) await this.reload().catch(() => undefined);
        throw error;
      }
      const { events, files } = Array.isArray(decision) ? { events: decision, files: [] } : decision;
      const sealed = this.settle(drafted, events);
      if (sealed.length === 0 && files.length === 0) return [];
      const result = await this.writeStep(sealed, files).catch(async (error: unknown) => {
        // The step's events are folded already (see settle): start again from what is stored.
        await this.reload().catch(() => undefined);
        throw error;
      });
      if (result.ok) {
        this.events.push(...sealed.map((s) => s.event));
        this.extendEnd(sealed.map((s) => s.line + "\n"));
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

  private async writeStep(sealed: Sealed[], files: FileChange[]) {
    const changes: FileChange[] = [...files];
    if (sealed.length > 0) changes.push(...(await this.logChanges(sealed.map((s) => s.line + "\n").join(""))));
    return this.ctx.repo.write({
      branch: this.plan.branch,
      base: this.work,
      changes,
      message: renderStepMessage(
        this.plan.id,
        sealed.map((s) => s.event),
        this.ctx.sessionId,
      ),
    });
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
    const attributes = addLogAttributes((await this.work.read(GITATTRIBUTES))?.text);
    return attributes === undefined ? [log] : [{ kind: "put", path: GITATTRIBUTES, text: attributes }, log];
  }

  /** A log shorter than its last verified head, or with another line there, lost or rewrote its tail. */
  private checkWitness(events: LogEvent[], mark: WitnessMark | undefined): LogProblem | undefined {
    if (!mark) return undefined;
    // A merge or rebase may re-seal the events after it (ADR 10): the head is then found by its identity.
    if (events[mark.seq - 1]?.hash !== mark.hash && events.some((e) => identityOf(e) === mark.hash)) return undefined;
    const where = "the last verified head";
    return checkSnapshots(
      events.map((e) => e.hash),
      [{ file: where, seq: mark.seq, head: mark.hash }],
    );
  }

  /** A draft for one attempt of a step: sealed into `drafted` with one timestamp, folded at once. */
  private draft(drafted: Sealed[]): Draft {
    let seal: ((next: readonly NewEvent[]) => Sealed[]) | undefined;
    return {
      live: () => this.folder.live(),
      completedTasks: () => this.folder.completedTasks(),
      add: (events) => {
        seal ??= this.sealer();
        for (const s of this.fold(seal(events))) drafted.push(s);
      },
    };
  }

  /**
   * Seal the step's events (after those drafted, which are folded already) and fold them, then add
   * what the milestone does by itself after them: the auto-starts of tasks that became ready
   * (decideAutoStarts). One step, one append, so a dependency's completion and its dependents'
   * starts land together. The folder is ahead of the store until the write succeeds; a failed write
   * reloads it.
   */
  private settle(drafted: Sealed[], events: NewEvent[]): Sealed[] {
    const sealed = events.length > 0 ? [...drafted, ...this.fold(this.sealer()(events))] : drafted;
    // On the folder's live state: a snapshot here would copy the task list and make the next fold
    // copy every task it touches, once per step.
    const starts = decideAutoStarts(this.plan, this.folder.live(), this.ctx.actor);
    return starts.length > 0 ? [...sealed, ...this.fold(this.sealer()(starts))] : sealed;
  }

  private fold(sealed: Sealed[]): Sealed[] {
    for (const s of sealed) this.folder.apply(s.event);
    if (sealed.length > 0) this.cached = undefined;
    return sealed;
  }

  private async remember(): Promise<void> {
    const { seq, head } = this.folder.live();
    if (seq > 0) await this.ctx.witness?.record(this.plan.id, { seq, hash: head });
    // The prefix moves after enough new events that verifying them costs about what writing the state does.
    if (this.end && seq - this.prefixSeq >= Math.max(PREFIX_EVERY, this.plan.tasks.length / 8))
      await this.recordPrefix();
  }

  /** After a write: appended lines extend the verified text; a rewrite (tidy) or a new file leaves it unknown. */
  private extendEnd(lines: string[]): void {
    const appended = this.end !== undefined && this.tidy === undefined && this.logExists;
    const last = lines.at(-1);
    if (!appended || last === undefined || !this.end) {
      if (lines.length > 0) this.end = undefined;
      return;
    }
    this.end = { ...this.end, bytes: this.end.bytes + byteLength(lines.join("")), lastLine: last };
  }

  private async recordPrefix(): Promise<void> {
    if (!this.end || !this.ctx.witness?.recordPrefix) return;
    const state = this.state;
    const prefix: TrustedPrefix = {
      seq: state.seq,
      hash: state.head,
      bytes: this.end.bytes,
      lastLineBytes: byteLength(this.end.lastLine),
      lastLineDigest: hashText(this.end.lastLine),
      identity: this.end.identity,
      planVersion: this.planVersion,
      ...(this.settingsVersion !== undefined && { settingsVersion: this.settingsVersion }),
      state,
    };
    await this.ctx.witness.recordPrefix(this.plan.id, prefix).catch(() => undefined);
    this.prefixSeq = state.seq;
  }

  /**
   * Seals events after the folder's head, all with the time this is called: the events of one step
   * share a timestamp however many times a draft adds to it.
   */
  private sealer(): (next: readonly NewEvent[]) => Sealed[] {
    const timestamp = this.ctx.clock.now().toISOString();
    // What every event's details end with, built once: `execute` seals tens of thousands in a run.
    const stamp: { [key: string]: Json } = { ...this.ctx.source, plan_version: this.planVersion };
    if (this.settingsVersion !== undefined) stamp.settings_version = this.settingsVersion;
    return (next) => this.seal(next, timestamp, stamp);
  }

  private seal(next: readonly NewEvent[], timestamp: string, stamp: { [key: string]: Json }): Sealed[] {
    let { seq, head: prev } = this.folder.live();
    return next.map((e) => {
      seq += 1;
      // Keys in the order of LogEvent (the order --json shows), without spreading conditional parts.
      const event = {
        v: 1,
        seq,
        timestamp,
        event: e.event,
        milestone_id: this.plan.id,
        session_id: this.ctx.sessionId,
        actor: e.actor,
      } as LogEvent;
      if (e.task_id !== undefined) event.task_id = e.task_id;
      if (e.phase !== undefined) event.phase = e.phase;
      event.details = e.details === undefined ? { ...stamp } : { ...e.details, ...stamp };
      event.prev = prev;
      const { line, hash } = sealOrderedEvent(event);
      event.hash = prev = hash;
      return { line, event };
    });
  }
}

/** The first line of Phasegate's own step commits (the log, session snapshots): pushes of them are not work. */
export const STEP_COMMIT = /^phasegate\([^)]*\): /;

/** The commit message of one step on GitHub: what happened, and trailers tools can read. */
function renderStepMessage(milestoneId: string, events: NewEvent[], sessionId: string): string {
  const first = events[0];
  const what = first
    ? [first.event, first.task_id, first.phase].filter(Boolean).join(" ") +
      (events.length > 1 ? ` (+${events.length - 1} events)` : "")
    : "update files";
  return `phasegate(${milestoneId}): ${what}\n\nPhasegate-Milestone: ${milestoneId}\nPhasegate-Session: ${sessionId}\n`;
}

/** The trusted prefix; `lazy` for a narrow handle (its task states parsed when used, ADR 32). */
function recallPrefix(ctx: Context, milestoneId: string, lazy: boolean): Promise<TrustedPrefix | undefined> {
  return ctx.witness?.recallPrefix?.(milestoneId, { lazy }).catch(() => undefined) ?? Promise.resolve(undefined);
}

/** The whole log: through `readTail` when the snapshot has it (its size and identity mark the verified end). */
async function readWholeLog(work: Snapshot, path: string) {
  const tail = work.readTail ? await work.readTail(path, 0) : undefined;
  const snapshot = work.readTail ? tail : await work.read(path);
  return { tail, snapshot };
}

/** UTF-8 length of a text, without a TextEncoder (the core imports no Node modules). */
function byteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Two more bytes for a 3-byte character; one for a 2-byte one and for each half of a surrogate pair (4 bytes).
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}
