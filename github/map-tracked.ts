import type { Comment, TrackedIssue, TrackedLabel, TrackedMilestone } from "../core/index.js";

/** GitHub's JSON → the Tracker's types. Only the fields the core reads. */
export type Json = Record<string, any>;

/** https://docs.github.com/rest/issues/issues#get-an-issue (with sub-issue and dependency summaries). */
export function toTrackedIssue(json: Json): TrackedIssue {
  const parent = /\/issues\/(\d+)$/.exec(String(json.parent_issue_url ?? ""))?.[1];
  return {
    number: json.number,
    id: json.id,
    title: json.title ?? "",
    body: json.body ?? "",
    state: json.state === "closed" ? "closed" : "open",
    stateReason: json.state_reason ?? null,
    labels: (json.labels ?? []).map((l: Json | string) => (typeof l === "string" ? l : l.name)),
    assignees: (json.assignees ?? []).map((a: Json) => a.login),
    milestone: json.milestone?.number ?? null,
    parent: parent === undefined ? null : Number(parent),
    blockedByCount: json.issue_dependencies_summary?.total_blocked_by ?? 0,
    pullRequest: json.pull_request !== undefined && json.pull_request !== null,
  };
}

export function toTrackedMilestone(json: Json): TrackedMilestone {
  return {
    number: json.number,
    title: json.title,
    description: json.description ?? "",
    dueOn: typeof json.due_on === "string" ? json.due_on.slice(0, 10) : null,
    state: json.state === "closed" ? "closed" : "open",
    ...(typeof json.html_url === "string" && { url: json.html_url }),
  };
}

export function toTrackedLabel(json: Json): TrackedLabel {
  return { name: json.name, color: String(json.color ?? "").replace(/^#/, ""), description: json.description ?? "" };
}

export function toComment(json: Json): Comment {
  return { id: json.id, author: json.user?.login ?? "", body: json.body ?? "" };
}

/** GitHub stores a due date as a timestamp; the date's midnight UTC keeps the day the plan says. */
export function toDueOn(date: string | null): string | null {
  return date === null ? null : `${date.slice(0, 10)}T00:00:00Z`;
}
