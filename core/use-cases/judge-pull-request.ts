import { hasPermission } from "../commands/authorize-approver.js";
import { CommandRefused } from "../commands/command-refused.js";
import { PlanError } from "../plan/plan-error.js";
import { defuseMarkdown } from "../render/defuse-markdown.js";
import type { Snapshot } from "../ports.js";
import { isAuthor } from "../rules/is-author.js";
import { checkPhase, findTaskLink, PHASE_CHECK, type PhaseCheck, type TaskLink } from "./check-phase.js";
import type { Context } from "./context.js";
import { findBranchMilestones } from "./find-branch-milestones.js";
import { MilestoneHandle } from "./milestone-handle.js";

/** What the verdict needs to know about a pull request (from its webhook payload or the Action's event). */
export interface PullRequestFacts {
  number: number;
  body: string | null | undefined;
  /** Who opened it: only someone who may work on the task can link the pull request to it. */
  author: string;
  /** The branch it goes into. */
  base: string;
  /** Its head commit. */
  sha: string;
  /** The paths it changes, when the caller needs to know whether it carries the task's deliverables (a review). */
  changedFiles?: readonly string[];
}

/** Why a pull request is not judged as a task's work; `linked` when it is. */
export type PullRequestStanding =
  | "linked"
  | "not-linked"
  | "not-milestone-branch"
  | "wrong-milestone"
  | "no-such-task"
  | "plan-unreadable"
  | "author-not-allowed";

export interface PullRequestVerdict {
  standing: PullRequestStanding;
  /** The task the description names (visible text only), accepted or not. */
  link?: TaskLink;
  /** The milestone whose branch the pull request goes into, by the plans on the default branch. */
  baseMilestone?: string;
  /** Open on the linked milestone when the task exists. */
  handle?: MilestoneHandle;
  /** The task's current phase, when it is in one. */
  phase?: string;
  /** The current phase's deliverable files the pull request changes (given `changedFiles`). */
  carries?: string[];
  /** Why not `linked`, in a sentence; undefined when linked. */
  reason?: string;
  /** The `phasegate/phase` check run for the head. */
  check: PhaseCheck;
}

const HOW_TO_LINK =
  "Name the task: add `Phasegate-Task: <milestone>/<task>` to the description, or `Closes #<task issue>`.";

/** Whether a pull request's link to a task counts: who may link, and to which task. */
export interface AcceptedLink {
  standing: "linked" | "not-linked" | "no-such-task" | "plan-unreadable" | "author-not-allowed";
  link?: TaskLink;
  handle?: MilestoneHandle;
  reason?: string;
  title?: string;
}

/**
 * The task a pull request works on, when its link counts: visible text in the description
 * (findTaskLink) naming a task of the plan on the default branch, by an author who may work on that
 * task (write access, an assignee, or someone who claimed or started it). Anyone else's pull
 * request naming a task would let a reviewer's routine review approve work they never saw.
 */
export async function acceptPullRequestLink(
  ctx: Context,
  pr: Pick<PullRequestFacts, "number" | "body" | "author">,
): Promise<AcceptedLink> {
  const link = await findTaskLink(pr.body ?? "", ctx.tracker);
  if (!link)
    return {
      standing: "not-linked",
      title: "No task linked",
      reason: `Pull request #${pr.number} names no task. ${HOW_TO_LINK}`,
    };
  const target = `${link.milestone}/${link.task}`;
  let handle: MilestoneHandle;
  try {
    handle = await MilestoneHandle.open(ctx, link.milestone, "phase-check");
  } catch (error) {
    // An unknown milestone or a plan that does not validate: said on the pull request, not thrown.
    if (!(error instanceof CommandRefused || error instanceof PlanError)) throw error;
    const why = error instanceof CommandRefused ? error.reason : `its plan is not valid:\n${error.message}`;
    return {
      standing: "plan-unreadable",
      link,
      title: `Cannot judge ${target}`,
      reason: `Pull request #${pr.number} names \`${target}\`, but ${why}`,
    };
  }
  const index = handle.plan.tasks.findIndex((t) => t.id === link.task);
  const task = handle.plan.tasks[index];
  const t = handle.state.tasks[index];
  if (!task || !t)
    return {
      standing: "no-such-task",
      link,
      title: `No task ${link.task} in ${link.milestone}`,
      reason: `Milestone \`${link.milestone}\` has no task \`${link.task}\`. Tasks: ${handle.plan.tasks.map((x) => x.id).join(", ")}.`,
    };
  const may =
    pr.author !== "" &&
    (isAuthor(task, t, pr.author) || hasPermission(await ctx.forge.getPermission(pr.author), "write"));
  if (!may)
    return {
      standing: "author-not-allowed",
      link,
      title: `Link to ${target} not accepted`,
      reason: `\`${pr.author}\` opened pull request #${pr.number} and may not work on \`${target}\`, so it is not taken as that task's work. Who can link it: someone with write access, or the task's assignees and claimant (a maintainer can assign it).`,
    };
  return { standing: "linked", link, handle };
}

/**
 * The one verdict on a pull request, for the App's check and reviews and the Action's phase-check:
 * its link counts (acceptPullRequestLink), it goes into that task's milestone branch, and its head
 * has the current phase's deliverables (checkPhase, the same messages as `phasegate validate`).
 * Plans come from the default branch; the head's files are read as data, never run.
 */
export async function judgePullRequest(ctx: Context, pr: PullRequestFacts): Promise<PullRequestVerdict> {
  const [baseMilestone] = await findBranchMilestones(ctx, pr.base);
  const accepted = await acceptPullRequestLink(ctx, pr);
  const { link } = accepted;
  const out = { ...(link && { link }), ...(baseMilestone && { baseMilestone }) };
  const refuse = (standing: PullRequestStanding, title: string, reason: string): PullRequestVerdict => ({
    ...out,
    standing,
    reason,
    check: { name: PHASE_CHECK, sha: pr.sha, conclusion: "neutral", title, summary: defuseMarkdown(reason) },
  });
  if (accepted.standing !== "linked" || !link || !accepted.handle)
    return refuse(accepted.standing, accepted.title ?? "", accepted.reason ?? "");
  const target = `${link.milestone}/${link.task}`;
  if (!baseMilestone)
    return refuse(
      "not-milestone-branch",
      `Not into a milestone branch`,
      `Pull request #${pr.number} goes into \`${pr.base}\`, which is no milestone's branch; it names \`${target}\`, whose phase checks apply to pull requests into that milestone's branch.`,
    );
  if (baseMilestone !== link.milestone)
    return refuse(
      "wrong-milestone",
      `Names ${target}, goes into ${baseMilestone}`,
      `Pull request #${pr.number} names \`${target}\` but goes into \`${pr.base}\`, the branch of milestone \`${baseMilestone}\`. Point it at ${link.milestone}'s branch, or name a task of ${baseMilestone}.`,
    );
  const handle = accepted.handle;
  const index = handle.plan.tasks.findIndex((t) => t.id === link.task);
  const task = handle.plan.tasks[index]!;
  const t = handle.state.tasks[index]!;
  const head: Snapshot = await ctx.repo.snapshot(pr.sha);
  const check = await checkPhase(ctx, handle, { task: task.id, sha: pr.sha, head });
  const phase = t.status === "in_progress" ? task.phases.find((p) => p.id === t.phase) : undefined;
  const changed = new Set(pr.changedFiles ?? []);
  const carries = (phase?.deliverables ?? []).flatMap((d) =>
    d.kind === "file" && changed.has(d.path) ? [d.path] : [],
  );
  return {
    ...out,
    standing: "linked",
    handle,
    ...(phase && { phase: phase.id }),
    ...(pr.changedFiles && { carries }),
    check: { ...check, summary: `${check.summary}\n\nLinked by \`${link.via}\`.` },
  };
}
