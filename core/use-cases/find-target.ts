import type { Tracker } from "../ports.js";
import { parseMarker } from "../projection/markers.js";
import { parsePullRequestLink } from "../projection/parse-pull-request-link.js";

/** What a comment or review is about: a task, or the whole milestone (the dashboard). */
export interface CommandTarget {
  milestone: string;
  /** Undefined on the dashboard: commands there name the task (`/approve T2`). */
  task?: string;
  /** The issue or pull request the reply goes to. */
  issue: number;
  kind: "task" | "dashboard" | "pull";
}

export interface IssueLike {
  number: number;
  body?: string | null;
  pull_request?: unknown;
}

/**
 * The target of a comment on `issue`: a task issue or dashboard by its marker (never its title), or
 * a pull request linked to a task (docs/app.md: a `Phasegate-Task:` line, else a closing keyword to
 * a task issue). Undefined: not Phasegate's, stay silent.
 */
export async function findTarget(tracker: Tracker, issue: IssueLike): Promise<CommandTarget | undefined> {
  if (!issue.pull_request) {
    const marker = parseMarker(issue.body ?? "");
    if (marker?.kind === "task")
      return { milestone: marker.milestone, task: marker.task, issue: issue.number, kind: "task" };
    if (marker?.kind === "dashboard") return { milestone: marker.milestone, issue: issue.number, kind: "dashboard" };
    return undefined;
  }
  const link = parsePullRequestLink(issue.body);
  if (link.task) return { ...link.task, issue: issue.number, kind: "pull" };
  for (const number of link.closes.slice(0, 5)) {
    const linked = await tracker.getIssue(number);
    const marker = linked && !linked.pullRequest ? parseMarker(linked.body) : undefined;
    if (marker?.kind === "task")
      return { milestone: marker.milestone, task: marker.task, issue: issue.number, kind: "pull" };
  }
  return undefined;
}
