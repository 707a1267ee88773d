import { parseRequirements } from "../interop/parse-requirements.js";
import { parseTaskList } from "../interop/parse-task-list.js";
import { scanLines } from "../interop/scan-lines.js";
import type { FileChecks } from "../plan/plan.js";
import { countBoxes, listRequiredBoxes } from "./markdown-checklist.js";
import { findPlaceholders } from "./markdown-placeholders.js";

const MAX_PLACEHOLDER_MESSAGES = 20;

/**
 * Check a markdown deliverable against its `FileChecks` (existence is the caller's business). Returns
 * one human-readable problem per failure, each starting with the path (and line where there is one);
 * an empty array means the file passes. Pure: the caller reads the file. `sourceItem` needs the task's
 * `source`, which this function does not get: core/workflow/check-source-item.ts checks it.
 */
export function checkMarkdown(text: string, checks: FileChecks, path: string): string[] {
  const problems: string[] = [];
  if (checks.notEmpty && text.trim() === "") return [`${path}: the file is empty`];
  if (checks.headings.length > 0) problems.push(...checkHeadings(text, checks.headings, path));
  if (checks.noPlaceholders) problems.push(...checkPlaceholders(text, path));
  if (checks.checklistComplete || checks.hasChecklist) problems.push(...checkChecklist(text, checks, path));
  if (checks.requirements) problems.push(...checkRequirements(text, path));
  return problems;
}

function checkHeadings(text: string, required: string[], path: string): string[] {
  const present = scanLines(text)
    .lines.flatMap((l) => (l.kind === "heading" ? [normaliseHeading(l.title)] : []))
    .filter((h) => h !== "");
  return required
    .filter((wanted) => {
      const w = normaliseHeading(wanted);
      // `# Implementation Plan: Foo` satisfies "Implementation Plan": Kiro titles carry the feature name.
      return !present.some((h) => h === w || (h.startsWith(w) && /^\s*(?:[:：(（]|[-—–]\s)/.test(h.slice(w.length))));
    })
    .map((wanted) => `${path}: missing heading "${wanted}" (any level, e.g. "## ${wanted}")`);
}

/** Lower case, no emphasis marks, no leading section number or status emoji, single spaces. */
function normaliseHeading(title: string): string {
  return title
    .replace(/[*_`]/g, "")
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .replace(/^\d+(?:\.\d+)*\.?\s+/, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

function checkPlaceholders(text: string, path: string): string[] {
  const hits = findPlaceholders(text);
  const shown = hits
    .slice(0, MAX_PLACEHOLDER_MESSAGES)
    .map((h) => `${path}:${h.line}: placeholder "${h.text}" left in the text`);
  if (hits.length > MAX_PLACEHOLDER_MESSAGES)
    shown.push(`${path}: ${hits.length - MAX_PLACEHOLDER_MESSAGES} more placeholders not shown`);
  return shown;
}

function checkChecklist(text: string, checks: FileChecks, path: string): string[] {
  const list = parseTaskList(text, { path });
  // An unclosed fence hides boxes: say so rather than pass or fail on a misread file.
  const problems = list.warnings.filter((w) => w.severity === "error").map((w) => `${path}:${w.line}: ${w.message}`);
  if (checks.hasChecklist && countBoxes(list) === 0) {
    problems.push(`${path}: no checklist found; expected task lines such as "- [ ] 1. Set up the project"`);
  }
  if (checks.checklistComplete) {
    const required = listRequiredBoxes(list);
    const open = required.filter((e) => !e.done);
    const first = open[0];
    if (first) {
      const more = open.length > 1 ? `; also line${open.length > 2 ? "s" : ""} ${describeLines(open.slice(1))}` : "";
      problems.push(
        `${path}: ${open.length} of ${required.length} required items are not done (first: line ${first.line} "${clip(first.label)}"${more})`,
      );
    }
  }
  return problems;
}

function checkRequirements(text: string, path: string): string[] {
  const { requirements } = parseRequirements(text);
  if (requirements.length === 0) {
    return [
      `${path}: no numbered requirements found; expected headings such as "### Requirement 1: Title", each with "#### Acceptance Criteria" and a numbered list`,
    ];
  }
  return requirements
    .filter((r) => r.criteria.length === 0)
    .map(
      (r) =>
        `${path}:${r.line}: requirement ${r.id}${r.title ? ` ("${clip(r.title)}")` : ""} has no acceptance criteria; add a numbered list under "#### Acceptance Criteria"`,
    );
}

function describeLines(entries: { line: number }[]): string {
  const shown = entries.slice(0, 5).map((e) => String(e.line));
  return entries.length > 5 ? `${shown.join(", ")} and ${entries.length - 5} more` : shown.join(", ");
}

function clip(text: string, max = 80): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
