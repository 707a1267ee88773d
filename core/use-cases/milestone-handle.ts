import type { LogEvent, NewEvent } from "../events/event.js";
import { StateFolder } from "../events/fold.js";
import { checkSnapshots } from "../events/check-snapshots.js";
import { parseLog, type LogProblem } from "../events/parse-log.js";
import { sealEvent } from "../events/serialize-event.js";
import type { MilestoneState } from "../events/state.js";
import { CommandRefused } from "../commands/command-refused.js";
import { PlanError } from "../plan/plan-error.js";
import type { Plan } from "../plan/plan.js";
import { computeStatusView, type StatusView } from "../render/status-view.js";
import { parsePlan } from "../plan/parse-plan.js";
import type { Context } from "./context.js";
import { findPlan, listPlanFiles, logPath, milestoneIdOf } from "./find-plan.js";
import { readSnapshotMarks } from "./read-snapshot-marks.js";

const MAX_ATTEMPTS = 8;

/** Decides the events to append from the current state; called again after a conflicting write. */
export type Decide = (state: MilestoneState) => NewEvent[];

/**
 * A milestone opened for reading and writing: its plan, its verified log and the folded state.
 * Writes are compare-and-swap: `commit` appends only if the log is unchanged since it was read;
 * otherwise it re-reads, re-folds and asks `decide` again. The log can never fork or lose events.
 */
export class MilestoneHandle {
  private folder!: StateFolder;
  private version: string | undefined;
  private cached: MilestoneState | undefined;
  private problem: LogProblem | undefined;

  private constructor(
    private readonly ctx: Context,
    readonly plan: Plan,
  ) {}

  /** Open milestone `milestoneId`; `command` names the caller in refusals. */
  static async open(ctx: Context, milestoneId: string, command = "open"): Promise<MilestoneHandle> {
    const file = await findPlan(ctx.repo, milestoneId, ctx.planRef);
    if (!file) {
      const known = (await listPlanFiles(ctx.repo, ctx.planRef)).map(milestoneIdOf);
      const hint = known.length > 0 ? `milestones here: ${known.join(", ")}` : `create .milestones/${milestoneId}.yaml`;
      throw new CommandRefused(command, `no plan for milestone "${milestoneId}" in .milestones/`, hint);
    }
    const { plan, issues } = parsePlan(file.text, file.path);
    if (!plan) throw new PlanError(issues.filter((i) => i.severity === "error"));
    const handle = new MilestoneHandle(ctx, plan);
    await handle.reload();
    return handle;
  }

  get state(): MilestoneState {
    this.cached ??= this.folder.state();
    return this.cached;
  }

  /** Why the log does not verify (hand edits, truncation), or undefined when it does. */
  get logProblem(): LogProblem | undefined {
    return this.problem;
  }

  /** The dashboard view of the current state (what `status` shows and `--json` returns). */
  view(now: Date): StatusView {
    return computeStatusView(this.plan, this.state, now, this.problem);
  }

  async reload(): Promise<void> {
    const snapshot = await this.ctx.repo.read(logPath(this.plan.id));
    const parsed = parseLog(snapshot?.text ?? "", this.plan.id);
    this.folder = new StateFolder(this.plan);
    for (const event of parsed.events) this.folder.apply(event);
    this.version = snapshot?.version;
    this.problem =
      parsed.problem ??
      checkSnapshots(
        parsed.events.map((e) => e.hash),
        await readSnapshotMarks(this.ctx.repo, this.plan.id),
      );
    this.cached = undefined;
  }

  /** Append the events `decide` returns, atomically; returns them as written ([] when nothing to do). */
  async commit(decide: Decide): Promise<LogEvent[]> {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      if (this.problem) {
        throw new CommandRefused(
          "write",
          `the event log ${logPath(this.plan.id)} does not verify: ${this.problem.message}`,
          `restore it from git (git checkout -- ${logPath(this.plan.id)}) before anything else is recorded`,
        );
      }
      const next = decide(this.state);
      if (next.length === 0) return [];
      const sealed = this.seal(next);
      const text = sealed.map((s) => s.line + "\n").join("");
      const result = await this.ctx.repo.append(logPath(this.plan.id), text, this.version);
      if (result.ok) {
        for (const s of sealed) this.folder.apply(s.event);
        this.version = result.version;
        this.cached = undefined;
        return sealed.map((s) => s.event);
      }
      this.ctx.logger.debug(`event log changed under us (attempt ${attempt}); re-reading`);
      await this.reload();
    }
    throw new Error(`could not append to ${logPath(this.plan.id)}: it kept changing (${MAX_ATTEMPTS} attempts)`);
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
        details: e.details ?? {},
        prev,
      };
      const { line, hash } = sealEvent(body);
      prev = hash;
      return { line, event: { ...body, hash } };
    });
  }
}
