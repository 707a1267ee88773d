import { ItemWalk, type BuiltItems } from "./item-walk.js";
import type { ScannedLine } from "./scan-lines.js";
import { walkCheckbox } from "./walk-checkbox.js";
import { walkHeading } from "./walk-heading.js";
import { walkStatus } from "./walk-status.js";
import { walkText } from "./walk-text.js";

export type { BuiltItems } from "./item-walk.js";

/**
 * Walk the scanned lines once and build items, criteria and groups (FORMATS §6.2–6.3). Parents come from
 * dotted ids first, then indentation, then an enclosing heading task. Dependencies stay raw tokens here.
 */
export function buildTaskItems(lines: ScannedLine[], fileHasIds: boolean): BuiltItems {
  const walk = new ItemWalk(findStatusHeadings(lines), fileHasIds);
  let sawBlank = false;
  for (const line of lines) {
    if (line.kind === "blank" || line.kind === "hidden") {
      if (line.kind === "blank") walk.details.blank();
      sawBlank = true;
      continue;
    }
    if (line.kind === "heading") walkHeading(walk, line);
    else if (line.kind === "checkbox") walkCheckbox(walk, line);
    else if (line.kind === "status") walkStatus(walk, line);
    else walkText(walk, line, sawBlank);
    sawBlank = false;
  }
  walk.details.close();
  walk.out.items = walk.registry.items.sort((a, b) => a.line - b.line);
  return walk.out;
}

/** Headings whose own section (up to the next heading) holds a `**Status**: [ ]` field: tasks by their state. */
function findStatusHeadings(lines: ScannedLine[]): Set<number> {
  const found = new Set<number>();
  let heading: number | undefined;
  for (const line of lines) {
    if (line.kind === "heading") heading = line.box ? undefined : line.n;
    else if (line.kind === "status" && heading !== undefined) found.add(heading);
  }
  return found;
}
