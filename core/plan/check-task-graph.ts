import { didYouMean } from "./did-you-mean.js";
import { findCycles } from "./find-cycles.js";
import type { PlanReporter } from "./plan-reporter.js";
import type { TaskInput } from "./task-schema.js";

/** A task as the graph sees it; `id` undefined for an entry too broken to take part (the schema says why). */
export type GraphTask = Pick<TaskInput, "dependencies"> & { id: string | undefined };

/**
 * Task ids are unique ignoring case (`t1` and `T1` would be one task to a person typing
 * `/approve`), every dependency names another task of this milestone, and no tasks wait on each
 * other in a circle.
 */
export function checkTaskGraph(tasks: readonly GraphTask[], reporter: PlanReporter): void {
  const byId = new Map<string, number>();
  const folded = new Map<string, number>();
  tasks.forEach((task, index) => {
    if (task.id === undefined) return;
    const earlier = folded.get(task.id.toLowerCase());
    if (earlier === undefined) {
      folded.set(task.id.toLowerCase(), index);
      byId.set(task.id, index);
      return;
    }
    reporter.error(
      ["tasks", index, "id"],
      `task id \`${task.id}\` is already used by \`tasks[${earlier}]\` (\`${tasks[earlier]!.id}\`)`,
      {
        code: "duplicate-id",
        hint: "task ids must be unique in the milestone, ignoring case",
      },
    );
  });
  const ids = [...byId.keys()];
  tasks.forEach((task, index) => {
    if (task.id === undefined) return;
    const seen = new Set<string>();
    task.dependencies.forEach((dependency, position) => {
      const path = ["tasks", index, "dependencies", position];
      if (seen.has(dependency)) {
        reporter.error(path, `\`${dependency}\` is listed twice`, {
          code: "duplicate-entry",
          hint: "remove the repeat",
        });
      } else if (dependency === task.id) {
        reporter.error(path, `task \`${task.id}\` depends on itself`, {
          code: "self-dependency",
          hint: "remove it from `dependencies`",
        });
      } else if (!byId.has(dependency)) {
        const guess = didYouMean(dependency, ids);
        reporter.error(
          path,
          `task \`${task.id}\` depends on \`${dependency}\`, which is not a task in this milestone`,
          {
            code: "unknown-dependency",
            hint: guess
              ? `did you mean \`${guess}\`?`
              : `tasks are ${ids
                  .slice(0, 20)
                  .map((id) => `\`${id}\``)
                  .join(", ")}`,
          },
        );
      }
      seen.add(dependency);
    });
  });
  const dependenciesOf = (id: string) => tasks[byId.get(id)!]!.dependencies;
  for (const cycle of findCycles(ids, dependenciesOf)) {
    const index = byId.get(cycle[0]!)!;
    const position = tasks[index]!.dependencies.indexOf(cycle[1]!);
    reporter.error(["tasks", index, "dependencies", position], `dependency cycle: ${cycle.join(" → ")}`, {
      code: "dependency-cycle",
      hint: "no task in a cycle can ever start; remove one of these dependencies",
    });
  }
}
