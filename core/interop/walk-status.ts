import type { ItemWalk } from "./item-walk.js";
import { setBox } from "./item-registry.js";
import type { ScannedLine } from "./scan-lines.js";

/** A `**Status**: [ ]` field: the state box of the enclosing heading task, if it has none yet. */
export function walkStatus(walk: ItemWalk, line: Extract<ScannedLine, { kind: "status" }>): void {
  if (walk.details.absorbs(line.indent, line.text)) return;
  walk.details.close();
  const target = walk.headingTask();
  if (target && target.stateLine === undefined) setBox(target, line.box, line.n);
  else
    walk.out.warnings.push({
      line: line.n,
      message: "status box outside a heading task (or the task already has one); ignored",
      severity: "info",
    });
}
