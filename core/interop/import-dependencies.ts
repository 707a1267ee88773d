import { inferDependencies } from "./infer-dependencies.js";
import type { ImportSelection } from "./import-select.js";
import type { TaskList } from "./task-item.js";

type Graph = Map<string, Set<string>>;

/**
 * The imported tasks' dependencies, by item id: the edges the file writes (`_Depends:_`, `(depends on T…)`,
 * Dependencies-section prose) and, for Spec Kit, its unwritten phase and sequence order (`inferDependencies`).
 * An edge from or to a sub-item counts for the item that stands for it (its top-level ancestor). Edges to
 * items left out are bridged to what those items wait for, so `--pending-only` keeps the order of what is
 * left. An edge that would close a cycle is dropped with a warning (written edges are added first, so an
 * inferred one gives way). The result is transitively reduced: a task waits only for its nearest barrier.
 */
export function computeImportDependencies(
  list: TaskList,
  selection: ImportSelection,
): { dependencies: Map<string, string[]>; warnings: string[] } {
  const warnings: string[] = [];
  const graph: Graph = new Map();
  const unit = (id: string) => selection.unitOf.get(id) ?? id;
  const add = (from: string, to: string, kind: string) => {
    const [u, v] = [unit(from), unit(to)];
    if (u === v || graph.get(u)?.has(v)) return;
    if (reaches(graph, v, u)) {
      warnings.push(`dependency ${from} → ${to} (${kind}) dropped: it would close a cycle`);
      return;
    }
    graph.set(u, (graph.get(u) ?? new Set()).add(v));
  };
  for (const item of list.items) for (const dep of item.dependencies) add(item.id, dep, "written");
  for (const edge of inferDependencies(list)) add(edge.task, edge.dependsOn, edge.reason);

  const imported = new Set(selection.tasks.map((t) => t.id));
  const contracted: Graph = new Map();
  for (const id of imported) contracted.set(id, bridge(graph, id, imported));
  const order = new Map(selection.tasks.map((t, i) => [t.id, i]));
  const dependencies = new Map<string, string[]>();
  for (const [id, direct] of reduce(contracted)) {
    dependencies.set(
      id,
      [...direct].sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)),
    );
  }
  return { dependencies, warnings };
}

/** True when `from` already depends, directly or not, on `to`. */
function reaches(graph: Graph, from: string, to: string): boolean {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...(graph.get(id) ?? []));
  }
  return false;
}

/** The imported tasks `id` waits for, looking through items that are not imported. */
function bridge(graph: Graph, id: string, imported: Set<string>): Set<string> {
  const out = new Set<string>();
  const seen = new Set<string>([id]);
  const stack = [...(graph.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (seen.has(next)) continue;
    seen.add(next);
    if (imported.has(next)) out.add(next);
    else stack.push(...(graph.get(next) ?? []));
  }
  return out;
}

/** Transitive reduction of a DAG: drop `u → v` when another dependency of `u` already leads to `v`. */
function reduce(graph: Graph): Graph {
  const memo = new Map<string, Set<string>>();
  const closure = (id: string): Set<string> => {
    const known = memo.get(id);
    if (known) return known;
    const all = new Set<string>();
    memo.set(id, all);
    for (const dep of graph.get(id) ?? []) {
      all.add(dep);
      for (const further of closure(dep)) all.add(further);
    }
    return all;
  };
  const reduced: Graph = new Map();
  for (const [id, direct] of graph) {
    const kept = [...direct].filter((v) => ![...direct].some((w) => w !== v && closure(w).has(v)));
    reduced.set(id, new Set(kept));
  }
  return reduced;
}
