import type { Plan, Task } from "../plan/plan.js";
import { GENESIS_HASH, type LogEvent } from "./event.js";
import type { BlockerType, Checkpoint, MilestoneState, PhaseState, TaskState } from "./state.js";
import { applyTaskEvent } from "./apply-task-event.js";

const RECENT = 10;

/** State = fold(plan, events): a pure function of the plan and the log. Nothing else is authoritative. */
export function fold(plan: Plan, events: readonly LogEvent[]): MilestoneState {
  const folder = new StateFolder(plan);
  for (const event of events) folder.apply(event);
  return folder.state();
}

/** Incremental fold, for use cases that append and keep going without re-reading the log. */
export class StateFolder {
  private readonly s: MilestoneState;
  private readonly byId = new Map<string, { task: Task; index: number }>();
  /**
   * Task states handed out in a snapshot. They are copied before the next change (copy on write),
   * so a snapshot never changes under its holder and taking one costs O(tasks), not a deep clone:
   * the engine takes one after every step.
   */
  private readonly shared = new WeakSet<TaskState>();
  /**
   * Derived fields (a task's ready or pending status and its progress) are kept up to date
   * incrementally: only tasks an event touched, and the dependents of a task that completed or
   * reopened, are derived again. Re-deriving all of them per snapshot made `execute` quadratic.
   */
  private readonly dirty = new Set<number>();
  private readonly dependents = new Map<string, number[]>();
  private readonly done: boolean[] = [];
  private doneCount = 0;
  /** Each task's progress as last added to progressSum. */
  private readonly counted: number[] = [];
  private progressSum = 0;

  /**
   * `tasks`: the task states to start from (resume); the plan's initial ones when absent. `derived`:
   * their status and progress are up to date (a snapshot's), so no task is derived again until an
   * event touches it; a resumed fold then reads only the tasks it changes (ADR 32).
   */
  constructor(
    private readonly plan: Plan,
    tasks: TaskState[] = plan.tasks.map(initialTask),
    derived = false,
  ) {
    this.s = {
      id: plan.id,
      status: "planned",
      progress: 0,
      tasks,
      blockers: [],
      sessions: [],
      seq: 0,
      head: GENESIS_HASH,
      recent: [],
      ignored: [],
    };
    plan.tasks.forEach((task, index) => this.byId.set(task.id, { task, index }));
    plan.tasks.forEach((task, index) => {
      for (const dep of task.dependencies) if (this.byId.has(dep)) this.dependentsOf(dep).push(index);
      if (!derived) this.dirty.add(index);
    });
    if (!derived) return;
    // What derive() would have counted for each task, in plan order (the same sum to the last bit).
    tasks.forEach((t, index) => {
      this.counted[index] = t.progress;
      this.progressSum += t.progress;
      this.done[index] = t.status === "completed";
      if (t.status === "completed") this.doneCount += 1;
    });
  }

  /**
   * A folder that goes on from `state`, a snapshot of this plan's fold (a trusted prefix's state):
   * applying the events after it gives what folding the whole log gives. Undefined when the
   * snapshot's tasks are not the plan's.
   */
  static resume(plan: Plan, state: MilestoneState): StateFolder | undefined {
    if (state.tasks.length !== plan.tasks.length || state.tasks.some((t, i) => t.id !== plan.tasks[i]?.id)) {
      return undefined;
    }
    // The snapshot's task states, not the plan's initial ones: building those only to drop them cost a
    // whole plan's worth of objects per `execute` pass.
    const folder = new StateFolder(plan, [...state.tasks], true);
    Object.assign(folder.s, {
      ...state,
      tasks: folder.s.tasks,
      blockers: [...state.blockers],
      sessions: [...state.sessions],
      ignored: [...state.ignored],
      ...(state.overrides && { overrides: [...state.overrides] }),
      recent: [...state.recent],
    });
    // The snapshot's holder keeps its task states: copy each before changing it.
    for (const t of state.tasks) folder.shared.add(t);
    return folder;
  }

  apply(event: LogEvent): void {
    const s = this.s;
    s.seq = event.seq;
    s.head = event.hash;
    s.recent.push(event);
    if (s.recent.length > RECENT * 2) s.recent.splice(0, s.recent.length - RECENT);
    const d = event.details;
    switch (event.event) {
      case "milestone_activated":
        s.status = "in_progress";
        s.activatedAt ??= event.timestamp;
        return;
      case "milestone_paused":
        s.status = "paused";
        return;
      case "milestone_resumed":
        s.status = "in_progress";
        return;
      case "milestone_completed":
        s.status = "completed";
        s.completedAt = event.timestamp;
        return;
      case "blockers_escalated":
        if (s.status !== "completed") s.status = "blocked";
        return;
      case "blocker_detected":
      case "dependency_blocker":
      case "task_dependency_blocker":
      case "claim_expired": {
        const id = String(d.blocker_id ?? `${event.event}:${event.task_id ?? ""}`);
        if (!s.blockers.some((b) => b.id === id)) {
          s.blockers.push({
            id,
            type: String(d.type ?? event.event) as BlockerType,
            message: String(d.message ?? event.event),
            ...(event.task_id !== undefined && { taskId: event.task_id }),
            detectedAt: event.timestamp,
          });
        }
        return;
      }
      case "blocker_resolved":
        s.blockers = s.blockers.filter((b) => b.id !== d.blocker_id);
        return;
      case "session_saved":
        s.sessions.push({
          id: event.session_id,
          savedAt: event.timestamp,
          reason: String(d.reason ?? ""),
          file: String(d.file ?? ""),
          seq: event.seq,
        });
        return;
      case "auto_commit":
        s.lastCheckpoint = d.reached_branch === false ? withdrawnCheckpoint(s.lastCheckpoint, d) : checkpointOf(event);
        return;
      case "gate_overridden":
        s.overrides = [
          ...(s.overrides ?? []),
          {
            pr: Number(d.pr ?? 0),
            sha: String(d.sha ?? ""),
            reason: String(d.reason ?? ""),
            by: event.actor,
            at: event.timestamp,
          },
        ];
        return;
      case "progress_updated":
      case "session_resumed":
      case "logs_merged":
      case "log_repaired":
        return;
      default:
        this.applyToTask(event);
    }
  }

  private applyToTask(event: LogEvent): void {
    const entry = event.task_id === undefined ? undefined : this.byId.get(event.task_id);
    if (!entry) {
      this.s.ignored.push({ seq: event.seq, reason: `task "${event.task_id ?? ""}" is not in the plan` });
      return;
    }
    const reason = applyTaskEvent(entry.task, this.own(entry.index), event);
    if (reason) this.s.ignored.push({ seq: event.seq, reason });
    this.dirty.add(entry.index);
  }

  private dependentsOf(id: string): number[] {
    let list = this.dependents.get(id);
    if (!list) this.dependents.set(id, (list = []));
    return list;
  }

  /**
   * The state as it is now, derived fields included, without copying: for deciding several steps
   * in a row in memory. Valid only until the next apply; never keep it (use state()).
   */
  live(): MilestoneState {
    this.derive();
    return this.s;
  }

  /** Derive again the tasks marked dirty, and the dependents of those whose completion changed. */
  private derive(): void {
    const s = this.s;
    for (const index of this.dirty) {
      this.dirty.delete(index);
      const task = this.plan.tasks[index] as Task;
      const current = s.tasks[index] as TaskState;
      const open = current.status === "pending" || current.status === "ready";
      const ready = open && task.dependencies.every((dep) => this.done[this.byId.get(dep)?.index ?? -1] === true);
      const status = open ? (ready ? "ready" : "pending") : current.status;
      const progress = taskProgress(task, current.phases);
      if (status !== current.status || progress !== current.progress)
        Object.assign(this.own(index), { status, progress });
      this.progressSum += progress - (this.counted[index] ?? 0);
      this.counted[index] = progress;
      const done = status === "completed";
      if (done !== (this.done[index] ?? false)) {
        this.done[index] = done;
        this.doneCount += done ? 1 : -1;
        for (const dependent of this.dependents.get(task.id) ?? []) this.dirty.add(dependent);
      }
    }
    s.progress = s.tasks.length === 0 ? 0 : this.progressSum / s.tasks.length;
  }

  /** Tasks completed now (derived fields up to date). */
  completedTasks(): number {
    this.derive();
    return this.doneCount;
  }

  /**
   * A snapshot of the state, with derived fields (ready tasks, progress) computed. Treat it as
   * read-only: it shares unchanged parts with later snapshots.
   */
  state(): MilestoneState {
    const s = this.s;
    this.derive();
    // Summed in plan order, as a whole fold does, so a resumed fold gives the same number to the last bit.
    let sum = 0;
    for (const progress of this.counted) sum += progress;
    s.progress = s.tasks.length === 0 ? 0 : sum / s.tasks.length;
    for (const t of s.tasks) this.shared.add(t);
    // Blockers, sessions and ignored entries are never changed once added, so copying the arrays is enough.
    return {
      ...s,
      tasks: [...s.tasks],
      blockers: [...s.blockers],
      sessions: [...s.sessions],
      ignored: [...s.ignored],
      recent: s.recent.slice(-RECENT),
    };
  }

  /** The task state at `index`, copied first if a snapshot holds it. */
  private own(index: number): TaskState {
    const current = this.s.tasks[index] as TaskState;
    if (!this.shared.has(current)) return current;
    const copy = clonePlain(current);
    this.s.tasks[index] = copy;
    return copy;
  }
}

/**
 * A deep copy of plain data (objects, arrays, primitives: what a task state holds). A few times
 * faster than structuredClone on these small objects, which `execute` copies thousands of times.
 */
function clonePlain<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(clonePlain) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = clonePlain((value as Record<string, unknown>)[key]);
  return out as T;
}

function initialTask(task: Task): TaskState {
  const phases: PhaseState[] = task.phases.map((p) => ({ id: p.id, status: "pending", approvals: [], rejections: [] }));
  return { id: task.id, status: "pending", phases, progress: 0, authors: [] };
}

/** A task's progress is the sum of the weights of its completed phases. */
function taskProgress(task: Task, phases: PhaseState[]): number {
  let total = 0;
  task.phases.forEach((p, i) => {
    if (phases[i]?.status === "completed") total += p.weight;
  });
  return total;
}

/** The checkpoint an `auto_commit` event records. */
export function checkpointOf(event: LogEvent): Checkpoint {
  const d = event.details;
  return { commit: String(d.commit ?? ""), at: event.timestamp, files: Number(d.files_changed ?? 0) };
}

/**
 * A checkpoint whose commit did not reach the branch (ADR 34): the one before it is the last again,
 * as the event recorded it (none: there was none). An older last checkpoint stays as it is.
 */
function withdrawnCheckpoint(last: Checkpoint | undefined, d: LogEvent["details"]): Checkpoint | undefined {
  if (last?.commit !== String(d.commit ?? "")) return last;
  const before = d.last_checkpoint;
  if (before === null || typeof before !== "object" || Array.isArray(before)) return undefined;
  return { commit: String(before.commit ?? ""), at: String(before.at ?? ""), files: Number(before.files ?? 0) };
}
