import type { MilestoneState, TaskState } from "../events/state.js";
import type { Deliverable, Plan, Task } from "../plan/plan.js";
import { GITHUB_ASSIGNEES_MAX, GITHUB_BODY_MAX, GITHUB_TITLE_MAX } from "../plan/plan-patterns.js";
import { renderBar } from "../render/render-status.js";
import { markdownText } from "../render/render-summary.js";
import { awaitingApproval } from "../render/status-view.js";
import { cutText } from "../render/cut-text.js";
import { issueRef, repoUrl, type IssueLinks } from "./issue-links.js";
import { labelNames, type LabelOptions } from "./labels.js";
import { taskMarker } from "./markers.js";
import type { IssueSpec } from "./projection.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";

export interface RenderIssueOptions {
  labels?: LabelOptions;
  /** Why the active gate waits, in one line (explainGates). */
  gate?: string | null;
}

/**
 * A task's issue as the sync wants it (the caller adds the milestone number). Pure and
 * deterministic: the same plan and state give the same bytes, so an unchanged task makes no write.
 * Limits from https://docs.github.com/en/rest/issues/issues (title 256, body 65,536, 10 assignees).
 */
export function renderTaskIssue(
  plan: Plan,
  task: Task,
  state: TaskState,
  milestoneState: MilestoneState,
  links: IssueLinks,
  options: RenderIssueOptions = {},
): Omit<IssueSpec, "milestone"> {
  const names = labelNames(options.labels);
  const blocked = milestoneState.blockers.some((b) => b.taskId === task.id);
  const labels = [
    names.managed,
    ...(state.status === "in_progress" && state.phase ? [names.phase(state.phase)] : []),
    ...(state.status === "ready" ? [names.ready] : []),
    ...(blocked ? [names.blocked] : []),
    ...(state.hold ? [names.onHold] : []),
  ];
  const done = state.status === "completed";
  return {
    title: cutText(defuseMarkdown(`${task.id}: ${task.title}`), GITHUB_TITLE_MAX),
    body: renderBody(plan, task, state, milestoneState, links, options.gate),
    labels,
    assignees: task.assignees.slice(0, GITHUB_ASSIGNEES_MAX),
    state: done ? "closed" : "open",
    ...(done && { stateReason: "completed" as const }),
  };
}

function renderBody(
  plan: Plan,
  task: Task,
  state: TaskState,
  ms: MilestoneState,
  links: IssueLinks,
  gate?: string | null,
): string {
  const rest = defuseMarkdown(
    [
      renderStatusLine(task, state),
      ...renderNotes(task, state, ms, gate),
      "### Deliverables",
      "",
      ...task.phases.flatMap((p, i) => renderPhase(plan, p, state.phases[i]?.status ?? "pending", links)),
      "",
      "### Dependencies",
      "",
      ...renderDependencies(task, ms, links),
      "",
      ...renderSpecFolder(plan, task, links),
      "### Approvals",
      "",
      renderHowToApprove(plan, task),
      "",
    ].join("\n"),
  );
  const head = `${taskMarker(plan.id, task.id)}\n_Managed by Phasegate from \`${plan.file}\`: edit the plan, not this text._\n\n`;
  // The description is the only unbounded part: cut it so the body stays under GitHub's limit.
  const budget = GITHUB_BODY_MAX - head.length - rest.length - 2;
  const description = task.description.trim() ? cutText(defuseMarkdown(task.description.trim()), budget) + "\n\n" : "";
  return head + description + rest;
}

function renderStatusLine(task: Task, state: TaskState): string {
  const index = task.phases.findIndex((p) => p.id === state.phase);
  const where =
    state.status === "in_progress" && index >= 0
      ? `**Phase:** ${task.phases[index]!.title || state.phase} (${index + 1} of ${task.phases.length})`
      : `**Status:** ${state.status.replace("_", " ")}`;
  return `${where} · **Progress:** \`${renderBar(state.progress, 10)}\` ${state.progress.toFixed(1)} %\n`;
}

function renderNotes(task: Task, state: TaskState, ms: MilestoneState, gate?: string | null): string[] {
  const notes: string[] = [];
  if (state.hold)
    notes.push(
      `> [!WARNING]\n> On hold by \`${state.hold.by}\`: ${markdownText(state.hold.reason || "no reason given")}.`,
    );
  for (const b of ms.blockers.filter((x) => x.taskId === task.id))
    notes.push(`> [!CAUTION]\n> Blocked (${b.type}): ${markdownText(b.message.split("\n")[0] ?? "")}`);
  const active = state.phases.find((p) => p.id === state.phase);
  const rejection = active?.rejections.at(-1);
  if (rejection) notes.push(`> [!NOTE]\n> Last rejected by \`${rejection.by}\`: ${markdownText(rejection.reason)}`);
  if (awaitingApproval(task, state))
    notes.push(
      `> [!IMPORTANT]\n> The ${state.phase} deliverables are valid and wait for an approval` +
        (gate ? `: ${markdownText(gate)}.` : "."),
    );
  if (state.claim) notes.push(`Claimed by \`${state.claim.by}\` until ${state.claim.expiresAt}.`);
  return notes.flatMap((n) => [n, ""]);
}

function renderPhase(plan: Plan, phase: Task["phases"][number], status: string, links: IssueLinks): string[] {
  const box = status === "completed" ? "x" : " ";
  const gate = phase.approvalRequired ? " · approval required" : "";
  const mark = status === "active" ? " ← current" : "";
  return [
    `- [${box}] **${markdownText(phase.title || phase.id)}** · ${phase.weight} %${gate}${mark}`,
    ...phase.deliverables.map((d) => `  - [${box}] ${renderDeliverable(plan, d, status === "active", links)}`),
  ];
}

function renderDeliverable(plan: Plan, d: Deliverable, linked: boolean, links: IssueLinks): string {
  if (d.kind === "signal")
    return d.signal === "ci_green"
      ? `checks pass on \`${plan.branch}\``
      : "a pull request linked to the task is merged";
  const url = linked ? repoUrl(links, plan.branch, d.path) : undefined;
  const extra = d.checks.checklistComplete ? " (every task ticked)" : "";
  return (url ? `[\`${d.path}\`](${url})` : `\`${d.path}\``) + extra;
}

function renderDependencies(task: Task, ms: MilestoneState, links: IssueLinks): string[] {
  if (task.dependencies.length === 0) return ["None."];
  return task.dependencies.map((id) => {
    const status = ms.tasks.find((t) => t.id === id)?.status ?? "pending";
    return `- [${status === "completed" ? "x" : " "}] ${issueRef(links, id)} (${status.replace("_", " ")})`;
  });
}

function renderSpecFolder(plan: Plan, task: Task, links: IssueLinks): string[] {
  const folder = `.kiro/specs/${task.spec}`;
  const used = task.phases.some((p) =>
    p.deliverables.some((d) => d.kind === "file" && d.path.startsWith(`${folder}/`)),
  );
  if (!used) return [];
  const url = repoUrl(links, plan.branch, folder, "tree");
  return ["### Spec", "", url ? `[\`${folder}/\`](${url})` : `\`${folder}/\` on \`${plan.branch}\``, ""];
}

// Names go in code spans: an @-mention in a body the bot rewrites would notify people on every sync.
function renderHowToApprove(plan: Plan, task: Task): string {
  const approvers = task.approvers.length > 0 ? task.approvers : plan.approvers;
  const who =
    approvers.length > 0
      ? `${approvers.map((a) => `\`${a}\``).join(", ")} (with at least ${plan.settings.minApproverPermission} access)`
      : `anyone with at least ${plan.settings.minApproverPermission} access`;
  const self = plan.settings.allowSelfApproval ? "" : " Assignees and the claimant cannot approve their own task.";
  return `Comment \`/approve\` to approve the current phase, or \`/reject <reason>\`. Who may: ${who}.${self} \`/help\` lists every command.`;
}
