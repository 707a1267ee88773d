import { parseTaskList } from "../interop/parse-task-list.js";
import { setTaskState } from "../interop/set-task-state.js";
import type { MilestoneState } from "../events/state.js";
import type { Plan } from "../plan/plan.js";
import type { FileChange, Snapshot } from "../ports.js";
import type { MilestoneHandle } from "./milestone-handle.js";

export interface Tick {
  task: string;
  file: string;
  line: number;
}

/**
 * Tick the task-list checkbox of every completed task imported from one (`source`), changing
 * only the state character (the file's own `x`/`X`, line ends and everything else kept). Done
 * before a checkpoint so the ticks land in its commit. Items already ticked are left alone. The
 * files are written as one compare-and-swap step: a concurrent edit of a task list is never lost.
 */
export async function writeBackCompleted(handle: MilestoneHandle): Promise<Tick[]> {
  let ticks: Tick[] = [];
  await handle.commit(async (state, work) => {
    const result = await computeTicks(handle.plan, state, work);
    ticks = result.ticks;
    return { events: [], files: result.files };
  });
  return ticks;
}

async function computeTicks(
  plan: Plan,
  state: MilestoneState,
  work: Snapshot,
): Promise<{ ticks: Tick[]; files: FileChange[] }> {
  const byFile = new Map<string, { task: string; item: string }[]>();
  plan.tasks.forEach((task, i) => {
    if (!task.source || state.tasks[i]?.status !== "completed") return;
    const list = byFile.get(task.source.file) ?? [];
    list.push({ task: task.id, item: task.source.item });
    byFile.set(task.source.file, list);
  });
  const ticks: Tick[] = [];
  const files: FileChange[] = [];
  for (const [file, tasks] of byFile) {
    const snapshot = await work.read(file);
    if (!snapshot) continue;
    let text = snapshot.text;
    const items = parseTaskList(text, { path: file }).items;
    for (const { task, item } of tasks) {
      const found = items.find((i) => i.id === item);
      if (!found?.stateLine || found.rawState.toLowerCase() === "x") continue;
      text = setTaskState(text, found.stateLine, "done");
      ticks.push({ task, file, line: found.stateLine });
    }
    if (text !== snapshot.text) files.push({ kind: "put", path: file, text });
  }
  return { ticks, files };
}
