/**
 * What `parseTaskList` reads out of a task-list markdown file (Kiro, cc-sdd, spec-workflow, Spec Kit,
 * generic checklists). The shapes follow the mapping in the corpus' FORMATS.md §6.
 */

export type Flavour = "kiro" | "cc-sdd" | "spec-workflow" | "spec-kit" | "generic";

/** `[ ]` todo, `[x]`/`[X]` done, `[-]` in progress (Kiro, spec-workflow), `[~]` partial or blocked. */
export type TaskItemState = "todo" | "in_progress" | "partial" | "done";

/**
 * How the item was found:
 * - `checkbox`: a list item `- [ ] …` (or a heading that holds one, `### - [x] 1. …`);
 * - `heading`: a heading carrying a task id (`### Task 14.1: …`, `#### T001: …`, `### ✅ Tarea 1.1: …`);
 * - `synthetic`: a parent made up for orphan sub-ids (`1.1` with no `1.`), named after a `### 1. …` heading;
 * - `skip`: a Spec Kit skip record `- [X] SKIP: T039 (…)`: checked, but the work was not done.
 */
export type TaskKind = "checkbox" | "heading" | "synthetic" | "skip";

/** An acceptance criterion or checklist entry: an id-less checkbox that is not a task (FORMATS §6.3 rule 4). */
export interface Criterion {
  text: string;
  done: boolean;
  state: TaskItemState;
  /** The character inside the brackets, as written. */
  rawState: string;
  optional: boolean;
  /** 1-based line of the checkbox. */
  line: number;
}

/** A criterion no task owns (under a checklist heading, or in a file without task ids). */
export interface LooseCriterion extends Criterion {
  /** Title of the enclosing heading, if any. */
  group?: string;
}

export interface TaskItem {
  /**
   * The id as written (`2.1`, `T047a`, `M01-T01`), `<id>~<n>` for the n-th duplicate, or a synthetic
   * `<group>#<n>` for an id-less task (see `idWritten`).
   */
  id: string;
  /** False when the id was made up (`<group>#<n>`) because the file gave none. */
  idWritten: boolean;
  title: string;
  parent?: string;
  state: TaskItemState;
  /** The character inside the brackets, as written; empty when the state was derived (heading tasks, synthetic parents). */
  rawState: string;
  /** `- [ ]*` (Kiro, cc-sdd), or a title that says it is optional. Optional items are not required for completion. */
  optional: boolean;
  /** `[P]` (Spec Kit) or `(P)` (cc-sdd): may run in parallel with its neighbours. */
  parallel: boolean;
  /** Spec Kit user story label without brackets, e.g. `US1`. */
  story?: string;
  /** Explicit dependencies written in the file (`_Depends:_`, `(depends on T012-T014)`), ranges expanded, unknown ids dropped. */
  dependencies: string[];
  /** Requirement references as written (`1.2`, `REQ-3`, `All`), from `_Requirements:_`, `**Validates: …**` and variants. */
  requirements: string[];
  criteria: Criterion[];
  /** 1-based line where the item starts. */
  line: number;
  /** 1-based line whose checkbox holds the state (`setTaskState` target); undefined when the state is derived. */
  stateLine?: number;
  kind: TaskKind;
  /** Status text found in the title and kept out of it: `✅ COMPLETED`, `(deferred)`, `→ Phase 13`. */
  annotations?: string[];
  /** Checked but not done: a skip record, or a done item whose title says SKIPPED / deferred / N/A / 延期. */
  skipped?: boolean;
  /** Title of the innermost heading above the item. */
  group?: string;
  /** 0-based index of the enclosing `Phase N` heading, when the file has phase headings (Spec Kit phase order). */
  phase?: number;
  /** Leading columns of the item's line (tabs count to the next multiple of 4). */
  indent: number;
  /** Continuation and detail lines that were not read as requirements, dependencies or fields. */
  details: string[];
  /** `_Key: value_` and `**Key**: value` fields (`Leverage`, `Prompt`, `Boundary`, `File`, …), by key. */
  meta: Record<string, string>;
}

export interface TaskGroup {
  title: string;
  /** 1-based. */
  line: number;
  /** Heading level, 1–6. */
  level: number;
  /** 0-based phase index when this heading is a `Phase N` heading. */
  phase?: number;
  /** A Spec Kit user-story phase (`Phase 3: User Story 1 - …`), independent of the other story phases. */
  storyPhase?: boolean;
}

export interface ParseWarning {
  /** 1-based. */
  line: number;
  message: string;
  /** `error`: part of the file was probably misread; `warning`: the file is odd but was read; `info`: noted only. */
  severity: "info" | "warning" | "error";
}

export interface TaskList {
  flavour: Flavour;
  /** In document order; a parent always comes before its children. */
  items: TaskItem[];
  groups: TaskGroup[];
  /** Criteria that belong to no task. */
  criteria: LooseCriterion[];
  warnings: ParseWarning[];
  /** The file's dominant line ending. */
  eol: "\n" | "\r\n";
  /** The done character to write: `X` when the file already uses it predominantly, else `x`. */
  doneChar: "x" | "X";
}
