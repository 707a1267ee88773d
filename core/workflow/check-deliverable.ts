import type { Deliverable, TaskSource } from "../plan/plan.js";
import type { CheckState, FileSnapshot } from "../ports.js";
import { checkMarkdown } from "./check-markdown.js";
import { checkRequirementsCovered, type CompanionFile } from "./check-requirements-covered.js";
import { checkSourceItem } from "./check-source-item.js";

/** What a deliverable check found: problems block the phase, notes are shown but do not. */
export interface DeliverableResult {
  problems: string[];
  notes: string[];
}

/** Facts about the world the checks need, gathered by the caller (the check itself is pure). */
export interface DeliverableFacts {
  file?: FileSnapshot;
  checks?: CheckState;
  /** The task's source item, for the `source_item` check. */
  source?: TaskSource;
  /** The deliverable's folder's tasks.md, requirements.md and spec.md, for `requirements_covered`. */
  companions?: CompanionFile[];
}

export function checkDeliverable(deliverable: Deliverable, facts: DeliverableFacts): DeliverableResult {
  if (deliverable.kind === "file") {
    if (!facts.file) return { problems: [`missing: ${deliverable.path}`], notes: [] };
    const problems = checkMarkdown(facts.file.text, deliverable.checks, deliverable.path);
    if (deliverable.checks.sourceItem)
      problems.push(...checkSourceItem(facts.file.text, deliverable.path, facts.source));
    if (!deliverable.checks.requirementsCovered) return { problems, notes: [] };
    const coverage = checkRequirementsCovered(facts.file, facts.companions ?? []);
    return { problems: [...problems, ...coverage.problems], notes: coverage.notes };
  }
  if (deliverable.signal === "pr_merged") {
    return {
      problems: ["no merged pull request is linked to this task (pr_merged is checked on GitHub only)"],
      notes: [],
    };
  }
  const checks = facts.checks ?? { state: "unknown", summary: "not checked" };
  switch (checks.state) {
    case "success":
      return { problems: [], notes: [`checks passed: ${checks.summary}`] };
    case "failure":
      return { problems: [`checks failing: ${checks.summary}`], notes: [] };
    case "pending":
      return { problems: [`checks still running: ${checks.summary}`], notes: [] };
    default:
      // No CI configured at all: not a reason to block forever; said out loud instead.
      return { problems: [], notes: [`checks not verified: ${checks.summary}`] };
  }
}
