import { CommandRefused } from "../commands/command-refused.js";
import { PlanError } from "../plan/plan-error.js";
import type { Plan } from "../plan/plan.js";
import type { CheckRunSpec } from "../projection/projection.js";
import type { Snapshot } from "../ports.js";
import { compilePattern } from "../rules/codeowners.js";
import {
  decideMergeGate,
  type MergeGateDecision,
  type MergeGateMilestone,
  type MergeGatePull,
} from "../rules/decide-merge-gate.js";
import { renderMergeGate } from "../render/render-merge-gate.js";
import { findTaskLink, type TaskLink } from "./check-phase.js";
import type { Context } from "./context.js";
import { evaluatePhase, SignalCache } from "./evaluate-phase.js";
import { explainGates } from "./explain-gates.js";
import { MilestoneHandle } from "./milestone-handle.js";
import { readCommittedPlans } from "./read-committed-plans.js";

/** The check run's name on pull requests into the default branch (docs/merge-gate.md). */
export const GATE_CHECK = "phasegate/gate";

/** What the merge gate reads of a pull request (its webhook payload, or the API for a comment). */
export interface MergeGateInput {
  number: number;
  sha: string;
  body: string | null | undefined;
  author: string;
  /** Every path it touches, removed and renamed ones included. */
  changedFiles: readonly string[];
  /** Its link to a task as already read from `body` (null: none), so it is not read again. */
  link?: TaskLink | null;
}

/**
 * Opens a milestone for the gate. The App's is one delivery's (ADR 36): each milestone's log is read
 * once for all the pull requests it judges, or not at all when the delivery just wrote it.
 */
export type OpenMilestone = (ctx: Context, milestoneId: string) => Promise<MilestoneHandle>;

const openForGate: OpenMilestone = (ctx, milestoneId) => MilestoneHandle.open(ctx, milestoneId, "gate");

export interface MergeGateVerdict {
  decision: MergeGateDecision;
  /** The milestones read, open: the override writes to the holding ones. */
  handles: Map<string, MilestoneHandle>;
  check: CheckRunSpec & { name: typeof GATE_CHECK };
}

/**
 * `phasegate/gate` for a pull request into the default branch: read → decide (decideMergeGate,
 * pure) → explain. Plans come from the default branch and logs from the milestone branches; the
 * pull request is known by its number, head commit, description and changed paths, and only the
 * changed deliverables of approved phases are read at its head, through the API, as data. Only the
 * milestones the pull request can concern are opened (a task's paths, a deliverable, or its link).
 */
export async function judgeMergeGate(
  ctx: Context,
  input: MergeGateInput,
  open: OpenMilestone = openForGate,
): Promise<MergeGateVerdict> {
  const snapshot = await ctx.repo.snapshot(await ctx.repo.defaultBranch());
  const link = input.link === undefined ? await findTaskLink(input.body ?? "", ctx.tracker) : input.link;
  const pull: MergeGatePull = {
    number: input.number,
    sha: input.sha,
    changedFiles: input.changedFiles,
    ...(link && { link }),
  };
  const notes: string[] = [];
  const handles = new Map<string, MilestoneHandle>();
  const milestones: MergeGateMilestone[] = [];
  let head: Snapshot | undefined;
  for (const plan of await concernedPlans(ctx, snapshot, pull, notes)) {
    let handle: MilestoneHandle;
    try {
      handle = await open(ctx, plan.id);
    } catch (error) {
      if (!(error instanceof CommandRefused || error instanceof PlanError)) throw error;
      notes.push(`\`${plan.id}\` could not be read: ${error instanceof CommandRefused ? error.reason : error.message}`);
      continue;
    }
    handles.set(plan.id, handle);
    const headDigests = new Map<string, string>();
    for (const [i, task] of handle.plan.tasks.entries()) {
      for (const phase of task.phases) {
        const p = handle.state.tasks[i]?.phases.find((s) => s.id === phase.id);
        const files = phase.deliverables.filter((d) => d.kind === "file");
        if (!p || p.approvals.length === 0 || !files.some((d) => pull.changedFiles.includes(d.path))) continue;
        head ??= await ctx.repo.snapshot(input.sha);
        const only = { ...phase, deliverables: files };
        const evaluation = await evaluatePhase(handle.plan, task, only, new SignalCache(ctx), head);
        headDigests.set(`${task.id}/${phase.id}`, evaluation.digest);
      }
    }
    milestones.push({ plan: handle.plan, state: handle.state, headDigests });
  }
  const decision = decideMergeGate(pull, milestones);
  const lines = new Map<string, string>();
  for (const id of decision.holding) {
    const handle = handles.get(id)!;
    const tasks = new Set(decision.blocks.filter((b) => b.milestone === id).map((b) => b.task));
    for (const [task, explanation] of await explainGates(ctx, handle, tasks))
      lines.set(`${id}/${task}`, explanation.line);
  }
  const rendered = renderMergeGate(pull, decision, lines, notes);
  return { decision, handles, check: { name: GATE_CHECK, sha: input.sha, ...rendered } };
}

/** The plans on the default branch that can hold this pull request: cheap tests before any log is read. */
async function concernedPlans(ctx: Context, snapshot: Snapshot, pull: MergeGatePull, notes: string[]): Promise<Plan[]> {
  const changed = pull.changedFiles;
  const out: Plan[] = [];
  for (const { path, plan } of await readCommittedPlans(ctx, snapshot)) {
    if (!plan) {
      notes.push(`\`${path}\` is not a valid plan on the default branch; its tasks are not judged.`);
      continue;
    }
    const concerns =
      pull.link?.milestone === plan.id ||
      plan.tasks.some(
        (task) =>
          task.phases.some((p) => p.deliverables.some((d) => d.kind === "file" && changed.includes(d.path))) ||
          (task.paths ?? []).some((pattern) => {
            const re = compilePattern(pattern);
            return changed.some((f) => re.test(f));
          }),
      );
    if (concerns) out.push(plan);
  }
  return out;
}
