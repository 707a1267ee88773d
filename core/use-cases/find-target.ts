import { CommandRefused } from "../commands/command-refused.js";
import type { Tracker } from "../ports.js";
import { parseMarker } from "../projection/markers.js";
import type { Context } from "./context.js";
import { acceptPullRequestLink } from "./judge-pull-request.js";

/** What a comment or review is about: a task, or the whole milestone (the dashboard). */
export interface CommandTarget {
  milestone: string;
  /** Undefined on the dashboard: commands there name the task (`/approve T2`). */
  task?: string;
  /** The issue or pull request the reply goes to. */
  issue: number;
  kind: "task" | "dashboard" | "pull";
  /** A pull request whose link does not count: its commands are answered with this, and nothing runs. */
  refused?: CommandRefused;
}

export interface IssueLike {
  number: number;
  body?: string | null;
  pull_request?: unknown;
  /** Who opened it: a pull request's link counts only when they may work on the task. */
  user?: { login: string } | null;
}

/**
 * The target of a comment on `issue`: a task issue or dashboard by its marker (never its title), or
 * a pull request whose link to a task counts (the core's acceptPullRequestLink: visible text, by an
 * author who may work on the task; docs/app.md). Undefined: not Phasegate's, stay silent.
 */
export async function findTarget(
  ctx: Context & { tracker: Tracker },
  issue: IssueLike,
): Promise<CommandTarget | undefined> {
  if (!issue.pull_request) {
    const marker = parseMarker(issue.body ?? "");
    if (marker?.kind === "task")
      return { milestone: marker.milestone, task: marker.task, issue: issue.number, kind: "task" };
    if (marker?.kind === "dashboard") return { milestone: marker.milestone, issue: issue.number, kind: "dashboard" };
    return undefined;
  }
  const accepted = await acceptPullRequestLink(ctx, {
    number: issue.number,
    body: issue.body,
    author: issue.user?.login ?? "",
  });
  const { link } = accepted;
  if (!link) return undefined;
  const target = { milestone: link.milestone, task: link.task, issue: issue.number, kind: "pull" as const };
  if (accepted.standing === "linked") return target;
  const refused = new CommandRefused("command", accepted.reason ?? accepted.standing, {
    code: accepted.standing,
    whoCan: "comment on the task's issue instead",
  });
  return { ...target, refused };
}
