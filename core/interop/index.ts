/**
 * Interop with the task-list formats Phasegate reads but does not own: Kiro IDE, cc-sdd, spec-workflow,
 * GitHub Spec Kit and generic checklists. Pure: text in, values out; see docs/interop.md.
 */
export { parseTaskList } from "./parse-task-list.js";
export { setTaskState, TaskLineError } from "./set-task-state.js";
export { inferDependencies } from "./infer-dependencies.js";
export { parseRequirements } from "./parse-requirements.js";
export type { Flavour, TaskItem, TaskList, TaskItemState } from "./task-item.js";
export { traceRequirements, type Trace } from "./trace-requirements.js";
export { readRequirementCatalog } from "./read-requirement-catalog.js";
