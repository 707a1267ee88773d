/**
 * Interop with the task-list formats Phasegate reads but does not own: Kiro IDE, cc-sdd, spec-workflow,
 * GitHub Spec Kit and generic checklists. Pure: text in, values out; see docs/interop.md.
 */
export { parseTaskList, type ParseTaskListOptions } from "./parse-task-list.js";
export { setTaskState, TaskLineError } from "./set-task-state.js";
export { inferDependencies, type InferredDependency } from "./infer-dependencies.js";
export {
  parseRequirements,
  type AcceptanceCriterion,
  type Requirement,
  type RequirementsDocument,
} from "./parse-requirements.js";
export { rollup } from "./derive-states.js";
export type {
  Criterion,
  Flavour,
  LooseCriterion,
  ParseWarning,
  TaskGroup,
  TaskItem,
  TaskKind,
  TaskList,
  TaskItemState,
} from "./task-item.js";
export { traceRequirements, type Trace, type TraceReference, type TraceRow } from "./trace-requirements.js";
export { readRequirementCatalog, type CatalogEntry, type RequirementCatalog } from "./read-requirement-catalog.js";
