import type { IssueSpec, MilestoneSpec, TrackedIssue, TrackedMilestone } from "../projection/projection.js";

/** The fields of the GitHub milestone that differ from `spec`, or undefined when none does. */
export function diffMilestone(current: TrackedMilestone, spec: MilestoneSpec): Partial<MilestoneSpec> | undefined {
  const change: Partial<MilestoneSpec> = {};
  if (current.title !== spec.title) change.title = spec.title;
  if (current.description !== spec.description) change.description = spec.description;
  if ((current.dueOn ?? null) !== spec.dueOn) change.dueOn = spec.dueOn;
  if (current.state !== spec.state) change.state = spec.state;
  return Object.keys(change).length > 0 ? change : undefined;
}

/**
 * The fields of an issue that differ from `desired`, or undefined. Labels are compared only among
 * the ones Phasegate manages: a person's own labels are kept as they are. Assignees and labels are
 * sets (GitHub does not keep their order).
 */
export function diffIssue(
  current: TrackedIssue,
  desired: IssueSpec,
  isManaged: (label: string) => boolean,
): Partial<IssueSpec> | undefined {
  const change: Partial<IssueSpec> = {};
  if (current.title !== desired.title) change.title = desired.title;
  if (current.body !== desired.body) change.body = desired.body;
  if (current.milestone !== desired.milestone) change.milestone = desired.milestone;
  if (current.state !== desired.state) {
    change.state = desired.state;
    if (desired.stateReason) change.stateReason = desired.stateReason;
  }
  const managed = current.labels.filter(isManaged);
  if (!sameSet(managed, desired.labels)) {
    change.labels = [...current.labels.filter((l) => !isManaged(l)), ...desired.labels];
  }
  if (!sameSet(current.assignees, desired.assignees)) change.assignees = desired.assignees;
  return Object.keys(change).length > 0 ? change : undefined;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = new Set(a.map((x) => x.toLowerCase()));
  const right = new Set(b.map((x) => x.toLowerCase()));
  return left.size === right.size && [...left].every((x) => right.has(x));
}
