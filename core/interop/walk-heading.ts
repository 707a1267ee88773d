import type { ItemWalk } from "./item-walk.js";
import { setBox } from "./item-registry.js";
import { readHeading } from "./read-heading.js";
import { readItemText } from "./read-item-text.js";
import type { ScannedLine } from "./scan-lines.js";
import type { TaskGroup } from "./task-item.js";

/**
 * A heading closes the lists and headings below its level. It is a task when it has a box, reads as
 * one (`### Task 3: …`) or has a `**Status**` field under it; else it is a group, maybe a phase.
 */
export function walkHeading(walk: ItemWalk, line: Extract<ScannedLine, { kind: "heading" }>): void {
  const { registry } = walk;
  walk.details.close();
  [walk.open, walk.list, walk.fieldCriteria] = [undefined, [], false];
  walk.frames = walk.frames.filter((f) => f.level < line.level);
  if (walk.phase && line.level <= walk.phase.level) walk.phase = undefined;
  const info = readHeading(line.title);
  const frame: ItemWalk["frames"][number] = { level: line.level, info };
  if (line.box) {
    const text = readItemText(line.box.rest);
    const id = registry.uniqueId(text.id ?? text.skipOf ?? registry.syntheticId(walk.group()), line.n);
    const parent = walk.parentFor(text, id, line.n);
    frame.task = registry.add(
      { id, idWritten: text.id !== undefined, line: line.n, kind: "heading", parent },
      text,
      walk.place(),
    );
    setBox(frame.task, line.box, line.n);
  } else if (info.task) {
    const id = registry.uniqueId(info.task.id, line.n);
    const parent = walk.parentFor({ ...info.task.text, idStyle: info.task.idStyle }, id, line.n);
    const fields = { id, line: line.n, kind: "heading" as const, parent, annotations: info.leading };
    frame.task = registry.add(fields, info.task.text, walk.place());
  } else if (walk.statusHeadings.has(line.n)) {
    // `### 14.1 Title` / `### TC-07-04: Title` / `### Step 2: …` then `**Status**: [ ]`: the field makes it a task.
    const text = readItemText(info.title);
    const id = registry.uniqueId(text.id ?? registry.syntheticId(walk.group()), line.n);
    const fields = { id, idWritten: text.id !== undefined, line: line.n, kind: "heading" as const };
    frame.task = registry.add(
      { ...fields, parent: walk.parentFor(text, id, line.n), annotations: info.leading },
      text,
      walk.place(),
    );
  } else {
    const g: TaskGroup = { title: info.title, line: line.n, level: line.level };
    if (info.phase && !walk.inCriteria()) {
      walk.phase = { index: walk.phaseCount++, level: line.level };
      g.phase = walk.phase.index;
      if (info.storyPhase) g.storyPhase = true;
    }
    walk.out.groups.push(g);
    if (info.number) registry.noteNumberedHeading(info.number, info.title, line.n, walk.place());
  }
  walk.frames.push(frame);
}
