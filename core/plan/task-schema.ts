import { approvalSchema } from "./approval-schema.js";
import * as z from "zod";
import {
  approverSchema,
  booleanHint,
  descriptionSchema,
  loginSchema,
  specSchema,
  taskIdSchema,
  titleSchema,
} from "./field-schemas.js";
import { DERIVED_KIRO_WORKFLOW_KEYS, DERIVED_TASK_KEYS } from "./legacy-fields.js";
import { GITHUB_ASSIGNEES_MAX } from "./plan-patterns.js";
import { derivedFields, describe, fieldNotes } from "./schema-notes.js";
import { repoPath } from "./deliverable-schema.js";
import { explainPathPattern } from "./explain-path-pattern.js";
import { phaseOverrideSchema } from "./workflow-schema.js";

const source = z
  .strictObject({
    file: repoPath,
    item: describe(
      z.string().min(1),
      "The item's id as written in the task list, e.g. `2` or `T012`.",
      "an item id such as `2` or `T012`",
    ),
  })
  .meta({
    id: "TaskSource",
    description: "The task-list item this task was imported from; ticked when the task completes.",
  });
fieldNotes.add(source, { hint: 'a mapping such as `source: { file: .kiro/specs/x/tasks.md, item: "2" }`' });

const kiroWorkflow = z
  .strictObject({
    enabled: describe(
      z.boolean(),
      "The original protocol's compliance flag. Files without `version` need `true` on every task; in version 1 it defaults to true.",
      booleanHint,
    ).optional(),
    phases: describe(
      z.record(z.string(), phaseOverrideSchema),
      "Per-task changes keyed by phase id (`design`, `spec`, `task`, `execute` for the kiro preset).",
      "a mapping from phase id to overrides, e.g. `design: { approval_required: false }`",
    ).optional(),
    ...derivedFields(DERIVED_KIRO_WORKFLOW_KEYS),
  })
  .meta({ id: "KiroWorkflow", description: "Per-task workflow settings (the original protocol's name)." });
fieldNotes.add(kiroWorkflow, {
  hint: "a mapping such as `kiro_workflow: { phases: { design: { approval_required: false } } }`",
});

const pathPattern = describe(
  z.string().superRefine((pattern, ctx) => {
    const problem = explainPathPattern(pattern);
    if (problem)
      ctx.addIssue({ code: "custom", message: problem.message, params: { hint: problem.hint, code: "invalid-path" } });
  }),
  "A pattern in CODEOWNERS syntax (`src/auth/**`, `/api/`, `*.proto`), without `!` or `[ ]`.",
  "write a pattern relative to the repository root, e.g. `src/auth/**`",
);

export const taskSchema = z
  .strictObject({
    id: taskIdSchema,
    title: titleSchema,
    description: descriptionSchema.default(""),
    dependencies: describe(
      z.array(z.string()),
      "Ids of tasks in this milestone that must be completed first.",
      "a list of task ids from this file, e.g. `[T1, T2]`",
    ).default([]),
    assignees: describe(
      z.array(loginSchema).max(GITHUB_ASSIGNEES_MAX, {
        error: `has more than ${GITHUB_ASSIGNEES_MAX} entries, GitHub's limit per issue`,
      }),
      "GitHub logins assigned to the task's issue (at most 10).",
      "a list of GitHub logins, e.g. `[alice, bob]`",
    ).default([]),
    approvers: describe(
      z.array(approverSchema),
      "Approvers for this task's gates. Default: the plan's approvers.",
      "a list of logins or `@org/team` slugs",
    ).optional(),
    approval: approvalSchema.optional(),
    spec: specSchema.optional(),
    kiro_workflow: kiroWorkflow.optional(),
    source: source.optional(),
    paths: describe(
      z.array(pathPattern),
      "The code this task owns: a pull request into the default branch that changes a matching file fails `phasegate/gate` until the task's Task gate has passed (docs/merge-gate.md).",
      "a list of patterns such as `[src/auth/**, docs/auth.md]`",
    ).optional(),
    ...derivedFields(DERIVED_TASK_KEYS),
  })
  .meta({ id: "Task", description: "A unit of work: becomes the issue `<id>: <title>`." });
fieldNotes.add(taskSchema, { hint: "a task is a mapping with at least `id` and `title`" });

export type TaskInput = z.output<typeof taskSchema>;
