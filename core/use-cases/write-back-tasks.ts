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
  // The task-list parser only when a completed task came from a list (a checkpoint otherwise loads none of it).
  if (byFile.size === 0) return { ticks: [], files: await computeCcsddApprovals(plan, state, work) };
  const ticks: Tick[] = [];
  const files: FileChange[] = [];
  const { parseTaskList, setTaskState } = await loadTaskLists();
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
  files.push(...(await computeCcsddApprovals(plan, state, work)));
  return { ticks, files };
}

/**
 * cc-sdd keeps its own approvals in `.kiro/specs/<spec>/spec.json`: when Phasegate completes a
 * task's design, spec or task phase, the matching `approved` flag is set there (byte-minimal), so
 * cc-sdd's commands agree. Phasegate never reads those flags as approvals (docs/interop.md).
 */
async function computeCcsddApprovals(plan: Plan, state: MilestoneState, work: Snapshot): Promise<FileChange[]> {
  const files: FileChange[] = [];
  for (const [i, task] of plan.tasks.entries()) {
    const t = state.tasks[i];
    if (!t) continue;
    const folder = `.kiro/specs/${task.spec}`;
    const inFolder = task.phases.some((p) =>
      p.deliverables.some((d) => d.kind === "file" && d.path.startsWith(`${folder}/`)),
    );
    if (!inFolder || !t.phases.some((p) => p.status === "completed")) continue;
    // YAML's editor (spec.json is edited byte-minimally) only once a phase of a spec folder's task is done.
    const { CCSDD_STAGE_OF_PHASE, setCcsddApproval } = await import("../interop/set-ccsdd-approval.js");
    const done = t.phases.filter((p) => p.status === "completed" && CCSDD_STAGE_OF_PHASE[p.id]);
    if (done.length === 0) continue;
    const snapshot = await work.read(`${folder}/spec.json`);
    if (!snapshot) continue;
    let text = snapshot.text;
    for (const phase of done) text = setCcsddApproval(text, CCSDD_STAGE_OF_PHASE[phase.id]!) ?? text;
    if (text !== snapshot.text) files.push({ kind: "put", path: snapshot.path, text });
  }
  return files;
}

async function loadTaskLists() {
  const [{ parseTaskList }, { setTaskState }] = await Promise.all([
    import("../interop/parse-task-list.js"),
    import("../interop/set-task-state.js"),
  ]);
  return { parseTaskList, setTaskState };
}
