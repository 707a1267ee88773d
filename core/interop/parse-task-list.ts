import { buildTaskItems } from "./build-task-items.js";
import { computeDoneChar } from "./compute-done-char.js";
import { deriveStates } from "./derive-states.js";
import { detectFlavour, type FlavourHints } from "./detect-flavour.js";
import { readHeading } from "./read-heading.js";
import { readItemText } from "./read-item-text.js";
import { resolveDependencies } from "./resolve-dependencies.js";
import { scanLines, type ScanResult } from "./scan-lines.js";
import type { TaskList } from "./task-item.js";

export type ParseTaskListOptions = FlavourHints;

/**
 * Read a task-list markdown file (Kiro, cc-sdd, spec-workflow, Spec Kit v1/v2, generic checklists)
 * into items, groups and criteria. Total: never throws; what it could not read becomes a warning.
 */
export function parseTaskList(text: string, options: ParseTaskListOptions = {}): TaskList {
  const input = typeof text === "string" ? text : "";
  let scan: ScanResult = { lines: [], eol: "\n" };
  try {
    scan = scanLines(input);
    const built = buildTaskItems(scan.lines, hasAnyId(scan));
    deriveStates(built.items);
    resolveDependencies(built.items, built.prose, built.warnings, built.groups);
    if (scan.unclosedFence !== undefined) {
      const hiddenBoxes = scan.lines.filter(
        (l) => l.n > (scan.unclosedFence ?? 0) && /^\s*(?:[-*+]|\d+[.)])\s+\[[ xX~-]\]/.test(l.text),
      );
      built.warnings.push({
        line: scan.unclosedFence,
        message: `code fence opened here is never closed; the rest of the file is read as code${hiddenBoxes.length > 0 ? ` (${hiddenBoxes.length} checkbox lines ignored)` : ""}`,
        severity: hiddenBoxes.length > 0 ? "error" : "warning",
      });
    }
    built.warnings.sort((a, b) => a.line - b.line);
    return {
      flavour: detectFlavour(scan.lines, built.items, options),
      items: built.items,
      groups: built.groups,
      criteria: built.criteria,
      warnings: built.warnings,
      eol: scan.eol,
      doneChar: computeDoneChar(scan),
    };
  } catch (error) {
    // Defence in depth: the property tests keep this unreachable, but a gate must not crash on a file.
    return {
      flavour: "generic",
      items: [],
      groups: [],
      criteria: [],
      warnings: [{ line: 1, message: `internal parser error: ${String(error)}`, severity: "error" }],
      eol: scan.eol,
      doneChar: "x",
    };
  }
}

/** FORMATS §6.3 rule 4 needs to know whether the file has any task id before the walk starts. */
function hasAnyId(scan: ScanResult): boolean {
  return scan.lines.some((l) => {
    if (l.kind === "checkbox") return isIdentified(l.box.rest);
    if (l.kind !== "heading") return false;
    return l.box ? isIdentified(l.box.rest) : readHeading(l.title).task !== undefined;
  });
}

function isIdentified(rest: string): boolean {
  const t = readItemText(rest);
  return t.id !== undefined || t.skipOf !== undefined;
}
