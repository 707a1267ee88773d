import type { GateOverride, MilestoneState } from "../events/state.js";
import type { Phase, Plan, Task } from "../plan/plan.js";
import { compilePattern } from "./codeowners.js";

/** A pull request into the default branch, as the merge gate sees it. */
export interface MergeGatePull {
  number: number;
  /** Its head commit: an override counts for this commit only. */
  sha: string;
  /** Every path it adds, changes, renames or removes. */
  changedFiles: readonly string[];
  /** The task its description names (findTaskLink), if any. */
  link?: { milestone: string; task: string; via: string };
}

/** One milestone as committed on the default branch, with its folded log. */
export interface MergeGateMilestone {
  plan: Plan;
  state: MilestoneState;
  /**
   * The digest (evaluatePhase's, files only) at the pull request's head of each approved phase whose
   * deliverable files it changes, keyed `task/phase`; missing: not read, which never counts as re-approved.
   */
  headDigests: ReadonlyMap<string, string>;
}

/** Why the gate holds a pull request. */
export type GateBlock =
  | {
      kind: "task-gate";
      milestone: string;
      task: string;
      /** The phase that closes planning (`task` in the kiro workflow). */
      gate: string;
      /** Where the task is: its current phase, or `not started`. */
      at: string;
      /** How the pull request belongs to the task. */
      via: "paths" | "link";
      files: string[];
    }
  | {
      kind: "approved-deliverable";
      milestone: string;
      task: string;
      phase: string;
      files: string[];
      approvedBy: string[];
    };

export interface MergeGateDecision {
  passed: boolean;
  blocks: GateBlock[];
  /** The milestones that hold the pull request, in plan order. */
  holding: string[];
  /** Per holding milestone, the override of this head, when every holding milestone has one. */
  overrides: { milestone: string; override: GateOverride }[];
}

/** Phasegate's own files: plans are judged by `phasegate/plan`, logs belong to milestone branches. */
const OWN_FILES = ".milestones/";

/**
 * The phase whose gate must pass before a task's code may reach the default branch: the phase with
 * id `task` (the kiro workflow's), else the one before the last (a custom workflow's last phase is
 * the work); a one-phase workflow has none (undefined: the work may start once the task started).
 */
export function taskGatePhase(task: Task): Phase | undefined {
  return task.phases.find((p) => p.id === "task") ?? (task.phases.length > 1 ? task.phases.at(-2) : undefined);
}

/**
 * The merge gate's verdict (docs/merge-gate.md, ADR 26), pure: a pull request is held when it
 * changes code of a task whose Task gate has not passed (its files match the task's `paths`, or it
 * is the task's linked pull request), or changes a deliverable of an approved phase to content no
 * approval of that phase saw. The plans are the default branch's, never the pull request's. A
 * maintainer's override of this head in every holding milestone's log lets it pass.
 */
export function decideMergeGate(pull: MergeGatePull, milestones: readonly MergeGateMilestone[]): MergeGateDecision {
  const changed = [...new Set(pull.changedFiles)].filter((f) => !f.startsWith(OWN_FILES)).sort();
  const blocks: GateBlock[] = [];
  for (const m of milestones) {
    m.plan.tasks.forEach((task, i) => {
      const t = m.state.tasks[i];
      if (!t || t.id !== task.id) return;
      blocks.push(...holdByTaskGate(m, task, i, changed, pull), ...holdByDeliverables(m, task, i, changed));
    });
  }
  const holding = [...new Set(blocks.map((b) => b.milestone))];
  const overrides = holding.flatMap((id) => {
    const state = milestones.find((m) => m.plan.id === id)?.state;
    const override = state?.overrides?.findLast((o) => o.pr === pull.number && o.sha === pull.sha);
    return override ? [{ milestone: id, override }] : [];
  });
  const overridden = holding.length > 0 && overrides.length === holding.length;
  return { passed: blocks.length === 0 || overridden, blocks, holding, overrides: overridden ? overrides : [] };
}

function holdByTaskGate(
  m: MergeGateMilestone,
  task: Task,
  index: number,
  changed: readonly string[],
  pull: MergeGatePull,
): GateBlock[] {
  const t = m.state.tasks[index]!;
  const gate = taskGatePhase(task);
  const gateIndex = gate ? task.phases.indexOf(gate) : -1;
  if (t.status === "completed") return [];
  if (gate && t.phases.find((p) => p.id === gate.id)?.status === "completed") return [];
  if (!gate && t.status === "in_progress") return [];
  // The planning phases' own documents are not code: writing them is what the gate waits for.
  const planning = new Set(
    task.phases
      .slice(0, gateIndex + 1)
      .flatMap((p) => p.deliverables.flatMap((d) => (d.kind === "file" ? [d.path] : []))),
  );
  const code = changed.filter((f) => !planning.has(f));
  const linked = pull.link?.milestone === m.plan.id && pull.link.task === task.id;
  const matchers = (task.paths ?? []).map(compilePattern);
  const files = linked ? code : code.filter((f) => matchers.some((re) => re.test(f)));
  if (files.length === 0) return [];
  return [
    {
      kind: "task-gate",
      milestone: m.plan.id,
      task: task.id,
      gate: gate?.id ?? task.phases[0]?.id ?? "",
      at: t.status === "in_progress" && t.phase ? `in ${t.phase}` : "not started",
      via: linked ? "link" : "paths",
      files,
    },
  ];
}

function holdByDeliverables(m: MergeGateMilestone, task: Task, index: number, changed: readonly string[]): GateBlock[] {
  const t = m.state.tasks[index]!;
  const out: GateBlock[] = [];
  for (const phase of task.phases) {
    const p = t.phases.find((s) => s.id === phase.id);
    if (!p || p.approvals.length === 0 || phase.onChange === "keep") continue;
    const paths = phase.deliverables.flatMap((d) => (d.kind === "file" ? [d.path] : []));
    const files = changed.filter((f) => paths.includes(f));
    if (files.length === 0) continue;
    const head = m.headDigests.get(`${task.id}/${phase.id}`);
    if (head !== undefined && p.approvals.some((a) => a.digest === head)) continue;
    out.push({
      kind: "approved-deliverable",
      milestone: m.plan.id,
      task: task.id,
      phase: phase.id,
      files,
      approvedBy: p.approvals.map((a) => a.by),
    });
  }
  return out;
}
