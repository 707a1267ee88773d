import type { Blocker } from "../events/state.js";
import type { TaskView } from "../render/status-view.js";
import { renderCodeBlock } from "../render/render-summary.js";
import { phaseColor, type LabelOptions } from "./labels.js";

/** GitHub renders ```mermaid blocks (https://docs.github.com/en/get-started/writing-on-github/working-with-advanced-formatting/creating-diagrams). */
const COMPLETED = "classDef completed fill:#2da44e,color:#ffffff,stroke:#1a7f37";
const BLOCKED = "classDef blocked fill:#cf222e,color:#ffffff,stroke:#a40e26";
const READY = "classDef ready fill:#ffffff,stroke:#2da44e,stroke-width:2px";

/**
 * The tasks' dependency graph as a Mermaid `graph LR`, each node coloured by where its task is:
 * completed, blocked, ready, or its active phase (the phase label's colour). Node ids are positions
 * (`n0`), never task ids, so any valid task id (`1.2`, `end`) is safe; titles are entity-escaped.
 */
export function renderDependencyGraph(
  tasks: readonly TaskView[],
  dependencies: ReadonlyMap<string, readonly string[]>,
  blockers: readonly Blocker[],
  options: LabelOptions = {},
): string {
  const node = new Map(tasks.map((t, i) => [t.id, `n${i}`]));
  const blocked = new Set(blockers.flatMap((b) => (b.taskId ? [b.taskId] : [])));
  const phases = new Set<string>();
  const lines = ["graph LR"];
  tasks.forEach((t, i) => {
    const cls = classOf(t, blocked);
    if (cls.startsWith("phase_")) phases.add(t.phase!);
    lines.push(`  n${i}["${escapeLabel(t.id)}"]${cls ? `:::${cls}` : ""}`);
  });
  for (const t of tasks)
    for (const dep of dependencies.get(t.id) ?? []) {
      const from = node.get(dep);
      if (from) lines.push(`  ${from} --> ${node.get(t.id)!}`);
    }
  lines.push(`  ${COMPLETED}`, `  ${BLOCKED}`, `  ${READY}`);
  for (const p of [...phases].sort())
    lines.push(`  classDef ${phaseClass(p)} fill:#${phaseColor(p, options)},color:#1f2328`);
  return renderCodeBlock(lines.join("\n"), "mermaid");
}

function classOf(t: TaskView, blocked: ReadonlySet<string>): string {
  if (t.status === "completed") return "completed";
  if (blocked.has(t.id)) return "blocked";
  if (t.status === "in_progress" && t.phase) return phaseClass(t.phase);
  return t.status === "ready" ? "ready" : "";
}

/** Phase ids may hold `-`, which Mermaid class names accept; the prefix keeps them apart from ours. */
function phaseClass(phase: string): string {
  return `phase_${phase}`;
}

/** Mermaid entity codes (`#quot;`) keep quotes and brackets from ending the label; cut long titles. */
function escapeLabel(text: string): string {
  const short = text.length > 60 ? `${text.slice(0, 59)}…` : text;
  return short.replace(/[#"<>&`]/g, (c) => `#${c.charCodeAt(0)};`);
}
