import { isMap, isScalar, isSeq, type Document, type Pair, type Scalar, type YAMLMap } from "yaml";
import {
  DERIVED_KIRO_WORKFLOW_KEYS,
  DERIVED_PHASE_KEYS,
  DERIVED_PLAN_KEYS,
  DERIVED_TASK_KEYS,
} from "./legacy-fields.js";
import { MILESTONE_ID_PATTERN } from "./plan-patterns.js";
import { fileStem } from "./file-stem.js";

type AnyMap = YAMLMap<unknown, unknown>;

/** One change `migrate` makes, on nodes of the parsed document. */
export type PlanEdit =
  | { kind: "add-top"; key: string; value: string | number }
  | { kind: "set-true"; node: Scalar; label: string }
  | { kind: "add-pair"; map: AnyMap; key: string; value: unknown; at: "first" | "last"; label: string }
  | { kind: "remove-pair"; map: AnyMap; pair: Pair; removed: Array<{ path: string; value: unknown }> };

/**
 * What `migrate` must change so the file is version 1 and compliant: add `version` (and `id`
 * when missing), enable the workflow on every task, and, unless `keepDerived`, drop the
 * original protocol's state fields; a mapping that held nothing else goes too.
 */
export function planEdits(doc: Document, file: string, keepDerived: boolean): PlanEdit[] {
  const root = doc.contents;
  if (!isMap(root)) return [];
  const edits: PlanEdit[] = [];
  const legacy = !root.has("version");
  if (legacy) {
    edits.push({ kind: "add-top", key: "version", value: 1 });
    const stem = fileStem(file);
    if (!root.has("id") && MILESTONE_ID_PATTERN.test(stem)) edits.push({ kind: "add-top", key: "id", value: stem });
  }
  const none = () => undefined;
  const prunePhase: Pruner = (map, at) => prune(map, at, DERIVED_PHASE_KEYS, none);
  const prunePhases: Pruner = (map, at) => prune(map, at, [], () => prunePhase);
  // A legacy task's kiro_workflow is about to receive `enabled: true`, so it never counts as empty.
  const pruneWorkflow: Pruner = (map, at) =>
    prune(map, at, DERIVED_KIRO_WORKFLOW_KEYS, (key) => (key === "phases" ? prunePhases : undefined), legacy);
  const pruneTask: Pruner = (map, at) =>
    prune(map, at, DERIVED_TASK_KEYS, (key) => (key === "kiro_workflow" ? pruneWorkflow : undefined), true);
  if (!keepDerived) edits.push(...prune(root, "", DERIVED_PLAN_KEYS, none, true).edits);
  const tasks = root.get("tasks", true);
  if (!isSeq(tasks)) return edits;
  tasks.items.forEach((task, index) => {
    if (!isMap(task)) return;
    const id = task.get("id");
    const label = `tasks[${index}]${typeof id === "string" || typeof id === "number" ? ` (${id})` : ""}`;
    if (!keepDerived) edits.push(...pruneTask(task, `tasks[${index}].`).edits);
    const workflow = task.get("kiro_workflow", true);
    const enabled = isMap(workflow) ? workflow.get("enabled", true) : undefined;
    const message = `${label}: set \`kiro_workflow.enabled: true\``;
    if (isScalar(enabled)) {
      if (enabled.value === false || (legacy && enabled.value !== true))
        edits.push({ kind: "set-true", node: enabled, label: message });
    } else if (!legacy) {
      return;
    } else if (isMap(workflow) && !workflow.has("enabled")) {
      edits.push({ kind: "add-pair", map: workflow, key: "enabled", value: true, at: "first", label: message });
    } else if (!task.has("kiro_workflow")) {
      edits.push({
        kind: "add-pair",
        map: task,
        key: "kiro_workflow",
        value: { enabled: true },
        at: "last",
        label: message,
      });
    }
    // Anything else (`kiro_workflow:` empty, `enabled: [x]`) is a type error parsePlan explains; guessing would hide it.
  });
  return edits;
}

type Pruner = (map: AnyMap, path: string) => { edits: PlanEdit[]; empty: boolean };

/**
 * Remove `derived` keys from `map` and prune the child mappings `children` names. A child left
 * empty is removed whole, so `design: { status: done }` does not become an invalid `design:`.
 */
function prune(
  map: AnyMap,
  path: string,
  derived: readonly string[],
  children: (key: string) => Pruner | undefined,
  keep = false,
): { edits: PlanEdit[]; empty: boolean } {
  const edits: PlanEdit[] = [];
  let removedPairs = 0;
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    const child = children(key);
    if (derived.includes(key)) {
      edits.push({ kind: "remove-pair", map, pair, removed: [{ path: path + key, value: toJS(pair.value) }] });
      removedPairs++;
    } else if (child && isMap(pair.value)) {
      const inner = child(pair.value, `${path}${key}.`);
      if (inner.empty) {
        const removed = inner.edits.flatMap((edit) => (edit.kind === "remove-pair" ? edit.removed : []));
        edits.push({ kind: "remove-pair", map, pair, removed });
        removedPairs++;
      } else {
        edits.push(...inner.edits);
      }
    }
  }
  return { edits, empty: !keep && removedPairs > 0 && removedPairs === map.items.length };
}

function toJS(node: unknown): unknown {
  return node !== null && typeof node === "object" && "toJSON" in node && typeof node.toJSON === "function"
    ? node.toJSON()
    : node;
}
