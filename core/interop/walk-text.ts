import { ODD_BOX } from "./checkbox-syntax.js";
import type { ItemWalk, OpenItem } from "./item-walk.js";
import { isCriteriaLabel } from "./read-heading.js";
import { readItemText } from "./read-item-text.js";
import { readDependencyProse } from "./read-dependency-prose.js";
import type { ScannedLine } from "./scan-lines.js";

type TextLine = Extract<ScannedLine, { kind: "text" }>;

const LABEL =
  /^(?:[-*+]\s+)?(?:\*\*([^*]{1,60}?)(?:\*\*\s*[:：]|[:：]\*\*)|\*\*([^*]{1,60}?)\*\*\s*$|([^\s:：*][^:：*]{0,40})[:：]\s*$)/u;
const LIST_MARK = /^(?:[-*+]|\d+[.)])\s/;

/**
 * A line without a box: the continuation of the open item, a field label (criteria start under
 * some), a detail of the heading task, or dependency prose under a dependencies heading.
 */
export function walkText(walk: ItemWalk, line: TextLine, sawBlank: boolean): void {
  if (walk.details.absorbs(line.indent, line.text)) return;
  walk.details.close();
  if (walk.open && line.indent > walk.open.indent) return continueItem(walk, walk.open, line, sawBlank);
  walk.open = undefined;
  if (line.indent === 0) walk.list = [];
  const trimmed = line.text.trim();
  const odd = ODD_BOX.exec(line.text);
  if (odd && readItemText(odd[2] ?? "").id !== undefined) {
    const message = `"[${odd[1]}]" is not a state box ([ ], [x], [X], [-] or [~]); the task on this line was not read`;
    walk.out.warnings.push({ line: line.n, message, severity: "warning" });
  }
  const label = LABEL.exec(trimmed);
  const key = label?.[1] ?? label?.[2] ?? label?.[3];
  if (key !== undefined) walk.fieldCriteria = isCriteriaLabel(key);
  const head = walk.headingTask();
  if (head) walk.details.route(head, line.text, line.indent);
  const edge = walk.frames.some((f) => f.info.dependencies) ? readDependencyProse(trimmed, line.n) : undefined;
  if (edge) walk.out.prose.push(edge);
}

/** A line indented under the open item: a wrapped title, a criterion's continuation, or a detail. */
function continueItem(walk: ItemWalk, o: OpenItem, line: TextLine, sawBlank: boolean): void {
  const trimmed = line.text.trim();
  const wraps = o.titleOpen && !sawBlank && !LIST_MARK.test(trimmed) && !/^[_*]/.test(trimmed);
  if (!wraps) o.titleOpen = false;
  if (o.criterion) {
    if (wraps) o.criterion.text = `${o.criterion.text} ${trimmed}`;
  } else if (o.item && wraps) {
    o.raw = `${o.raw} ${trimmed}`;
    const text = readItemText(o.raw, { id: false });
    o.item.title = text.title;
    if (text.annotations.length > 0) o.item.annotations = text.annotations;
    else delete o.item.annotations;
  } else if (o.item) {
    walk.details.route(o.item, line.text, line.indent);
  }
}
