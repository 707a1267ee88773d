/**
 * A plan of `tasks` tasks as YAML: T1 … Tn, each (but the first) depending on the task at half its
 * number (a tree: n − 1 dependency edges), assigned in turn to `assignees`.
 */
export function bigPlanYaml(
  tasks: number,
  options: { id?: string; assignees?: string[]; approvers?: string[]; title?: (i: number) => string } = {},
): string {
  const id = options.id ?? "big";
  const assignees = options.assignees ?? ["bob", "carol"];
  const lines = [
    "version: 1",
    `id: ${id}`,
    "title: A big milestone",
    "description: Many tasks, to measure the sync.",
    "due: 2026-12-31",
    `approvers: [${(options.approvers ?? ["alice"]).join(", ")}]`,
    "tasks:",
  ];
  for (let i = 1; i <= tasks; i++) {
    lines.push(`  - id: T${i}`, `    title: ${options.title?.(i) ?? `Task number ${i}`}`, `    spec: task-${i}`);
    if (i > 1) lines.push(`    dependencies: [T${Math.floor(i / 2)}]`);
    lines.push(`    assignees: [${assignees[i % assignees.length]}]`);
  }
  return lines.join("\n") + "\n";
}
