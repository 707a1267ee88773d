import { parseMarker } from "../projection/markers.js";
import { parsePullRequestLink } from "../projection/parse-pull-request-link.js";
import type { CheckRunSpec } from "../projection/projection.js";
import type { Snapshot, Tracker } from "../ports.js";
import { unmetDependencies } from "../rules/unmet-dependencies.js";
import type { Context } from "./context.js";
import { evaluatePhase, SignalCache } from "./evaluate-phase.js";
import type { MilestoneHandle } from "./milestone-handle.js";
import type { Phase } from "../plan/plan.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";

/** The check run's name on pull requests into a milestone branch (product.md §9). */
export const PHASE_CHECK = "phasegate/phase";

export interface TaskLink {
  milestone: string;
  task: string;
  /** How the pull request names it: a `Phasegate-Task:` line or a closing keyword to the task's issue. */
  via: string;
}

/**
 * The task a pull request works on (parsePullRequestLink reads the body, docs/app.md): its
 * `Phasegate-Task: <milestone>/<task>` line, else the first of the first five issues named by a
 * closing keyword (`Fixes #12`) that is an issue, not a pull request, and carries a task marker.
 * Without a tracker only the `Phasegate-Task:` line counts. One reading of PR links for the App and the Action.
 */
export async function findTaskLink(body: string, tracker: Tracker | undefined): Promise<TaskLink | undefined> {
  const link = parsePullRequestLink(body);
  if (link.task) return { ...link.task, via: `Phasegate-Task: ${link.task.milestone}/${link.task.task}` };
  for (const number of link.closes.slice(0, 5)) {
    const issue = await tracker?.getIssue(number);
    const marker = issue && !issue.pullRequest ? parseMarker(issue.body) : undefined;
    if (marker?.kind === "task") return { milestone: marker.milestone, task: marker.task, via: `closes #${number}` };
  }
  return undefined;
}

export type PhaseCheck = CheckRunSpec & { name: typeof PHASE_CHECK };

/**
 * The `phasegate/phase` verdict for a pull request at `sha`: the linked task has started, its
 * dependencies are completed, and its current phase's deliverables are valid in `head` (the pull
 * request's files, read through the API; its code never runs). Pure apart from the reads.
 */
export async function checkPhase(
  ctx: Context,
  handle: MilestoneHandle,
  input: { task: string; sha: string; head: Snapshot },
): Promise<PhaseCheck> {
  const plan = handle.plan;
  const state = handle.state;
  const index = plan.tasks.findIndex((t) => t.id === input.task);
  const verdict = (conclusion: PhaseCheck["conclusion"], title: string, lines: string[]): PhaseCheck => ({
    name: PHASE_CHECK,
    sha: input.sha,
    conclusion,
    title,
    summary: defuseMarkdown([`Task \`${input.task}\` of milestone \`${plan.id}\`.`, "", ...lines].join("\n")),
  });
  const task = plan.tasks[index];
  const t = state.tasks[index];
  if (!task || !t)
    return verdict("failure", `No task ${input.task} in ${plan.id}`, [
      `Tasks: ${plan.tasks.map((x) => x.id).join(", ")}.`,
    ]);
  const unmet = unmetDependencies(task, state);
  if (unmet.length > 0) {
    return verdict("failure", `${task.id} depends on ${unmet.join(", ")}`, [`Complete ${unmet.join(", ")} first.`]);
  }
  if (t.status === "completed") return verdict("success", `${task.id} is completed`, ["Nothing left to check."]);
  const phase = task.phases.find((p) => p.id === t.phase);
  if (t.status !== "in_progress" || !phase) {
    return verdict("failure", `${task.id} has not started`, [
      `Start it first: \`phasegate start ${plan.id} ${task.id}\`.`,
    ]);
  }
  const evaluation = await evaluatePhase(plan, task, phase, new SignalCache(ctx), input.head);
  const listed = [...listByFile(phase, evaluation.problems), ...evaluation.notes.map((n) => `- ${n}`)];
  return evaluation.ok
    ? verdict("success", `${task.id}: ${phase.id} deliverables valid`, [`Phase \`${phase.id}\`.`, "", ...listed])
    : verdict("failure", `${task.id}: ${evaluation.problems.length} problem(s) in ${phase.id}`, [
        `Phase \`${phase.id}\`.`,
        "",
        ...listed,
      ]);
}

/**
 * One entry per deliverable file, valid or with its problems (the messages `phasegate validate` and
 * the CLI print, which start with the path), then the problems that name no deliverable (signals).
 */
function listByFile(phase: Phase, problems: readonly string[]): string[] {
  const left = new Set(problems);
  const out: string[] = [];
  for (const d of phase.deliverables) {
    if (d.kind !== "file") continue;
    const mine = [...left].filter((p) => p === `missing: ${d.path}` || p.startsWith(`${d.path}:`));
    for (const p of mine) left.delete(p);
    out.push(mine.length === 0 ? `- ✅ \`${d.path}\`` : `- ❌ \`${d.path}\``, ...mine.map((p) => `  - ${p}`));
  }
  return [...out, ...[...left].map((p) => `- ❌ ${p}`)];
}
