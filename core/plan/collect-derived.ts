import {
  DERIVED_KIRO_WORKFLOW_KEYS,
  DERIVED_PHASE_KEYS,
  DERIVED_PLAN_KEYS,
  DERIVED_TASK_KEYS,
} from "./legacy-fields.js";
import { isRecord } from "./is-record.js";
import type { Locator, PathSegment } from "./locate.js";
import type { DerivedField } from "./plan.js";
import { formatPath } from "./format-path.js";
import type { PlanReporter } from "./plan-reporter.js";

/**
 * Find the original protocol's state fields wherever it wrote them. Each mapping that holds some
 * gets one warning (a legacy file can hold hundreds of them); every field is listed in the result.
 */
export function collectDerived(
  value: Record<string, unknown>,
  locate: Locator,
  reporter: PlanReporter,
  file: string,
): DerivedField[] {
  const derived: DerivedField[] = [];
  const visit = (container: unknown, path: PathSegment[], keys: readonly string[]) => {
    if (!isRecord(container)) return;
    const found = keys.filter((key) => Object.hasOwn(container, key));
    if (found.length === 0) return;
    for (const key of found) {
      const { line, column } = locate([...path, key], "key");
      derived.push({ path: formatPath([...path, key]), line, column });
    }
    const names = found.map((key) => `\`${key}\``).join(", ");
    reporter.warning(
      [...path, found[0]!],
      `${found.length === 1 ? "legacy state field" : "legacy state fields"} ${names} ${found.length === 1 ? "is" : "are"} derived from the event log; ignored`,
      {
        code: "derived-field",
        hint: `Phasegate never reads state from the plan; \`phasegate migrate ${file}\` removes ${found.length === 1 ? "it" : "them"}`,
        at: "key",
      },
    );
  };
  visit(value, [], DERIVED_PLAN_KEYS);
  const tasks = value.tasks;
  if (!Array.isArray(tasks)) return derived;
  tasks.forEach((task: unknown, index) => {
    visit(task, ["tasks", index], DERIVED_TASK_KEYS);
    const workflow = isRecord(task) ? task.kiro_workflow : undefined;
    visit(workflow, ["tasks", index, "kiro_workflow"], DERIVED_KIRO_WORKFLOW_KEYS);
    const phases = isRecord(workflow) ? workflow.phases : undefined;
    if (!isRecord(phases)) return;
    for (const phase of Object.keys(phases)) {
      visit(phases[phase], ["tasks", index, "kiro_workflow", "phases", phase], DERIVED_PHASE_KEYS);
    }
  });
  return derived;
}
