import type { TaskItem, TaskList } from "./task-item.js";

/** An edge the file implies but does not write; kept apart from `TaskItem.dependencies` (explicit only). */
export interface InferredDependency {
  task: string;
  dependsOn: string;
  /** `phase-order`: phase k waits for phase k-1; `sequential`: a task without `[P]` waits for the ones before it. */
  reason: "phase-order" | "sequential";
}

/**
 * Spec Kit's implicit ordering (FORMATS §4.4, §6.4): tasks run phase by phase, user-story phases depend
 * on the last non-story phase (Foundational) rather than on each other, and the phase after a run of
 * story phases waits for all of them. Inside a phase, a run of `[P]` tasks follows the sequential task
 * before it, and a task without `[P]` follows the task (or the whole `[P]` run) before it.
 * Other flavours have no such convention and get no inferred edges. Edges already explicit are omitted.
 */
export function inferDependencies(list: TaskList): InferredDependency[] {
  if (list.flavour !== "spec-kit") return [];
  const phases = new Map<number, TaskItem[]>();
  for (const item of list.items) {
    if (item.phase === undefined || item.kind === "synthetic") continue;
    const members = phases.get(item.phase) ?? [];
    members.push(item);
    phases.set(item.phase, members);
  }
  const story = new Set(list.groups.filter((g) => g.storyPhase && g.phase !== undefined).map((g) => g.phase));
  const edges: InferredDependency[] = [];
  const ends = new Map<number, { entries: TaskItem[]; exits: TaskItem[] }>();

  for (const [index, members] of [...phases].sort(([a], [b]) => a - b)) {
    const inner = sequentialEdges(members);
    edges.push(...inner);
    const hasPred = new Set(inner.map((e) => e.task));
    const isPred = new Set(inner.map((e) => e.dependsOn));
    ends.set(index, {
      entries: members.filter((m) => !hasPred.has(m.id)),
      exits: members.filter((m) => !isPred.has(m.id)),
    });
  }

  const order = [...ends.keys()].sort((a, b) => a - b);
  order.forEach((index, position) => {
    const before = order.slice(0, position);
    const barrier = before.findLast((p) => !story.has(p));
    const storiesSince = before.filter((p) => story.has(p) && (barrier === undefined || p > barrier));
    const preds = story.has(index)
      ? barrier === undefined
        ? []
        : [barrier]
      : storiesSince.length > 0
        ? storiesSince
        : barrier === undefined
          ? []
          : [barrier];
    for (const entry of ends.get(index)?.entries ?? []) {
      for (const p of preds) {
        for (const exit of ends.get(p)?.exits ?? [])
          edges.push({ task: entry.id, dependsOn: exit.id, reason: "phase-order" });
      }
    }
  });

  const explicit = new Map(list.items.map((i) => [i.id, new Set(i.dependencies)]));
  return edges.filter((e) => !explicit.get(e.task)?.has(e.dependsOn));
}

function sequentialEdges(members: TaskItem[]): InferredDependency[] {
  const edges: InferredDependency[] = [];
  let lastSequential: TaskItem | undefined;
  let run: TaskItem[] = [];
  for (const item of members) {
    if (item.parallel) {
      if (lastSequential) edges.push({ task: item.id, dependsOn: lastSequential.id, reason: "sequential" });
      run.push(item);
      continue;
    }
    const preds = run.length > 0 ? run : lastSequential ? [lastSequential] : [];
    for (const p of preds) edges.push({ task: item.id, dependsOn: p.id, reason: "sequential" });
    lastSequential = item;
    run = [];
  }
  return edges;
}
