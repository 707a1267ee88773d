import { parseTaskList } from "../interop/parse-task-list.js";
import { setTaskState } from "../interop/set-task-state.js";
import type { Context } from "./context.js";
import type { MilestoneHandle } from "./milestone-handle.js";

export interface Tick {
  task: string;
  file: string;
  line: number;
}

/**
 * Tick the task-list checkbox of every completed task imported from one (`source`), changing
 * only the state character (the file's own `x`/`X`, line ends and everything else kept). Done
 * before a checkpoint so the ticks land in its commit. Items already ticked are left alone.
 */
export async function writeBackCompleted(ctx: Context, handle: MilestoneHandle): Promise<Tick[]> {
  const byFile = new Map<string, { task: string; item: string }[]>();
  handle.plan.tasks.forEach((task, i) => {
    if (!task.source || handle.state.tasks[i]?.status !== "completed") return;
    const list = byFile.get(task.source.file) ?? [];
    list.push({ task: task.id, item: task.source.item });
    byFile.set(task.source.file, list);
  });
  const ticks: Tick[] = [];
  for (const [file, tasks] of byFile) {
    const snapshot = await ctx.repo.read(file, ctx.workRef);
    if (!snapshot) continue;
    let text = snapshot.text;
    const items = parseTaskList(text, { path: file }).items;
    for (const { task, item } of tasks) {
      const found = items.find((i) => i.id === item);
      if (!found?.stateLine || found.rawState.toLowerCase() === "x") continue;
      text = setTaskState(text, found.stateLine, "done");
      ticks.push({ task, file, line: found.stateLine });
    }
    if (text !== snapshot.text) await ctx.repo.write(file, text);
  }
  return ticks;
}
