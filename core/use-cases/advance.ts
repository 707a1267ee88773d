import type { LogEvent, NewEvent } from "../events/event.js";
import { StateFolder } from "../events/fold.js";
import type { MilestoneState } from "../events/state.js";
import type { Phase, Plan, Task } from "../plan/plan.js";
import type { TaskState } from "../events/state.js";
import { gateRule } from "../plan/approval-rule.js";
import { evaluateGate } from "../rules/evaluate-gate.js";
import { explainGate } from "../rules/explain-gate.js";
import { gatherGateFacts } from "./gather-gate-facts.js";
import type { Snapshot } from "../ports.js";
import { decidePhase, decideStart, findAdvanceSteps } from "../workflow/decide-advance.js";
import type { Context } from "./context.js";
import { evaluatePhase, SignalCache } from "./evaluate-phase.js";
import type { MilestoneHandle } from "./milestone-handle.js";

/** Why a task did not move further in this run. */
export interface Waiting {
  taskId: string;
  phase: string;
  reasons: string[];
}

export interface AdvanceReport {
  events: LogEvent[];
  waiting: Waiting[];
  /** Tasks that could not be evaluated (a deliverable that cannot be read): the run goes on without them. */
  problems: Waiting[];
}

/**
 * Events per write: the first pass writes a few, each next one twice as many, up to the cap. An fsync
 * per step made `execute` I/O-bound; one write for a whole run would make a killed run redo it all.
 * Each pass also costs a look at every task (the steps to take, the auto-starts after the write), so
 * the cap is a few seconds of work: 5,000 tasks (85,000 events) take 15 passes.
 */
const FIRST_PASS = 16;
const MAX_PASS = 16_384;

/**
 * Move every task as far as it can go now: start ready tasks, validate active phases, complete
 * phases whose deliverables pass and whose gates are approved. Steps are decided one after another
 * in memory, in the order a step-by-step run takes them (always the first movable task in plan
 * order), and written together in passes: each pass is one atomic append, so a run killed at any
 * point resumes from the last pass written and records the same events. Never approves a gate.
 */
export async function advance(
  ctx: Context,
  handle: MilestoneHandle,
  only?: ReadonlySet<string>,
  signals = new SignalCache(ctx),
): Promise<AdvanceReport> {
  const settled = new Set<string>();
  const report: AdvanceReport = { events: [], waiting: [], problems: [] };
  const dependents = dependentsOf(handle.plan);
  const indexOf = new Map(handle.plan.tasks.map((t, i) => [t.id, i]));
  const checked = checkedTasks(ctx, handle, only);
  for (let limit = FIRST_PASS; ; limit = Math.min(limit * 2, MAX_PASS)) {
    let pass: Pass | undefined;
    const written = await handle.commit(async (state, work) => {
      // Decided again from scratch after a conflicting write: files and state may both have moved.
      pass = await decidePass({
        ctx,
        plan: handle.plan,
        planSnapshot: handle.planSnapshot,
        state,
        work,
        settled,
        only,
        signals,
        dependents,
        indexOf,
        limit,
        checked,
      });
      return pass.events;
    });
    report.events.push(...written);
    if (!pass) break;
    for (const id of pass.settled) settled.add(id);
    report.waiting.push(...pass.waiting);
    report.problems.push(...pass.problems);
    if (!pass.more) break;
  }
  // Every task was looked at, or waits for one that was: the bar ends full.
  checked.finish();
  return report;
}

/**
 * The `execute` bar on a terminal (ctx.progress): tasks looked at (moved as far as they go, or found
 * completed) of the tasks this run may move.
 */
function checkedTasks(ctx: Context, handle: MilestoneHandle, only: ReadonlySet<string> | undefined) {
  const { tasks } = handle.plan;
  const total = only ? tasks.filter((t) => only.has(t.id)).length : tasks.length;
  // Tasks completed before this run count as looked at.
  const seen = new Set(
    handle.state.tasks.filter((t) => t.status === "completed" && (!only || only.has(t.id))).map((t) => t.id),
  );
  return {
    see(id: string): void {
      if (!ctx.progress || seen.has(id) || (only && !only.has(id))) return;
      seen.add(id);
      ctx.progress.update("execute", "tasks", seen.size, total);
    },
    finish(): void {
      if (seen.size < total) ctx.progress?.update("execute", "tasks", total, total);
    },
  };
}

interface Pass {
  events: NewEvent[];
  settled: string[];
  waiting: Waiting[];
  problems: Waiting[];
  /** Whether the pass stopped at its limit with steps left. */
  more: boolean;
}

interface PassInput {
  ctx: Context;
  plan: Plan;
  /** The default branch's snapshot the plan came from (CODEOWNERS is read there). */
  planSnapshot: Snapshot;
  state: MilestoneState;
  work: Snapshot;
  settled: ReadonlySet<string>;
  only: ReadonlySet<string> | undefined;
  signals: SignalCache;
  dependents: number[][];
  indexOf: ReadonlyMap<string, number>;
  limit: number;
  checked: ReturnType<typeof checkedTasks>;
}

/** Decide steps on an in-memory fold of `state` until nothing moves or `limit` events are decided. */
async function decidePass(input: PassInput): Promise<Pass> {
  const { ctx, plan, work, only, signals } = input;
  const pass: Pass = { events: [], settled: [], waiting: [], problems: [], more: false };
  const folder = StateFolder.resume(plan, input.state) as StateFolder;
  const settled = new Set(input.settled);
  const queue = new IndexQueue(plan.tasks.length);
  const movable = (i: number) => !only || only.has((plan.tasks[i] as Plan["tasks"][number]).id);
  for (const step of findAdvanceSteps(plan, input.state, settled)) {
    const index = input.indexOf.get(step.task.id) as number;
    if (movable(index)) queue.push(index);
  }
  let seq = input.state.seq;
  const apply = (events: NewEvent[]) => {
    const timestamp = ctx.clock.now().toISOString();
    for (const e of events) {
      // Stand-ins for the sealed events, only for this fold: the handle seals and folds the real ones.
      folder.apply({
        v: 1,
        seq: ++seq,
        timestamp,
        milestone_id: plan.id,
        session_id: "",
        prev: "",
        hash: "",
        ...e,
        details: e.details ?? {},
      });
    }
    pass.events.push(...events);
  };
  for (let index = queue.pop(); index !== undefined; index = queue.pop()) {
    if (pass.events.length >= input.limit) {
      pass.more = true;
      break;
    }
    const live = folder.live();
    if (live.status !== "in_progress") break;
    const task = plan.tasks[index] as Plan["tasks"][number];
    const t = live.tasks[index];
    if (t?.status === "completed") input.checked.see(task.id);
    if (!t || settled.has(task.id) || t.hold || t.status === "completed") continue;
    if (t.status === "ready") {
      const events = decideStart(live, task, ctx.actor);
      apply(events);
      if (events.length === 0) settle(task.id);
      else queue.push(index);
      continue;
    }
    const phase = task.phases.find((p) => p.id === t.phase);
    if (t.status !== "in_progress" || !phase) continue;
    const verdict = await evaluatePhase(plan, task, phase, signals, work);
    const gate = phase.approvalRequired && verdict.ok ? await gateOf(input, task, phase, t, verdict.digest) : undefined;
    const events = decidePhase(plan, live, task, phase, verdict, ctx.actor, gate, folder.completedTasks());
    apply(events);
    if (events.some((e) => e.event === "phase_completed")) {
      queue.push(index);
      if (folder.live().tasks[index]?.status === "completed") {
        for (const next of input.dependents[index] ?? []) if (movable(next)) queue.push(next);
      }
      continue;
    }
    settle(task.id);
    if (verdict.failures.length > 0) {
      pass.problems.push({ taskId: task.id, phase: phase.id, reasons: verdict.failures });
      continue;
    }
    const reasons = verdict.ok && gate ? [`waiting for approval: ${gate.line}`] : verdict.problems;
    pass.waiting.push({ taskId: task.id, phase: phase.id, reasons });
  }
  return pass;

  function settle(id: string) {
    input.checked.see(id);
    settled.add(id);
    pass.settled.push(id);
  }
}

/** For each task (by plan index), the indices of the tasks that depend on it. */
function dependentsOf(plan: Plan): number[][] {
  const index = new Map(plan.tasks.map((t, i) => [t.id, i]));
  const out: number[][] = plan.tasks.map(() => []);
  plan.tasks.forEach((t, i) => {
    for (const dep of t.dependencies) out[index.get(dep) ?? -1]?.push(i);
  });
  return out;
}

/** Task indices to look at, smallest first (plan order), each at most once at a time. */
class IndexQueue {
  private readonly heap: number[] = [];
  private readonly queued: boolean[];

  constructor(size: number) {
    this.queued = new Array<boolean>(size).fill(false);
  }

  push(index: number): void {
    if (this.queued[index]) return;
    this.queued[index] = true;
    const heap = this.heap;
    heap.push(index);
    for (let i = heap.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if ((heap[parent] as number) <= index) break;
      [heap[i], heap[parent]] = [heap[parent] as number, index];
      i = parent;
    }
  }

  pop(): number | undefined {
    const heap = this.heap;
    const top = heap[0];
    if (top === undefined) return undefined;
    const last = heap.pop() as number;
    if (heap.length > 0) {
      heap[0] = last;
      for (let i = 0; ;) {
        const [l, r] = [2 * i + 1, 2 * i + 2];
        let least = i;
        if (l < heap.length && (heap[l] as number) < (heap[least] as number)) least = l;
        if (r < heap.length && (heap[r] as number) < (heap[least] as number)) least = r;
        if (least === i) break;
        [heap[i], heap[least]] = [heap[least] as number, heap[i] as number];
        i = least;
      }
    }
    this.queued[top] = false;
    return top;
  }
}

/** The facts of a gate for the approvals of these deliverables, and the gate in one line. */
async function gateOf(input: PassInput, task: Task, phase: Phase, t: TaskState, digest: string) {
  const p = t.phases.find((s) => s.id === phase.id);
  const current = (p?.approvals ?? []).filter((a) => phase.onChange === "keep" || a.digest === digest);
  const approvers = current.map((a) => a.by);
  const facts = await gatherGateFacts(input.ctx, input.plan, input.planSnapshot, task, phase, t, approvers);
  const verdict = evaluateGate(gateRule(input.plan, task, phase), approvers, facts);
  return { facts, line: explainGate(verdict) };
}
