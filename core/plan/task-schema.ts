import { approvalSchema } from "./approval-schema.js";
import * as z from "zod/mini";
import {
  approverSchema,
  booleanHint,
  descriptionSchema,
  loginSchema,
  pathString,
  specSchema,
  taskIdSchema,
  titleSchema,
} from "./field-schemas.js";
import { DERIVED_KIRO_WORKFLOW_KEYS, DERIVED_TASK_KEYS } from "./legacy-fields.js";
import { GITHUB_ASSIGNEES_MAX } from "./plan-patterns.js";
import { derivedFields, describe, fieldNotes, withMeta } from "./schema-notes.js";
import { repoPath } from "./deliverable-schema.js";
import { explainPathPattern } from "./explain-path-pattern.js";
import { phaseOverrideSchema } from "./workflow-schema.js";

const source = withMeta(
  z.strictObject({
    file: repoPath,
    item: describe(
      z.string().check(z.minLength(1)),
      "The item's id as written in the task list, e.g. `2` or `T012`.",
      "an item id such as `2` or `T012`",
    ),
  }),
  {
    id: "TaskSource",
    description: "The task-list item this task was imported from; ticked when the task completes.",
  },
);
fieldNotes.add(source, { hint: 'a mapping such as `source: { file: .kiro/specs/x/tasks.md, item: "2" }`' });

const kiroWorkflow = withMeta(
  z.strictObject({
    enabled: z.optional(
      describe(
        z.boolean(),
        "The original protocol's compliance flag. Files without `version` need `true` on every task; in version 1 it defaults to true.",
        booleanHint,
      ),
    ),
    phases: z.optional(
      describe(
        z.record(z.string(), phaseOverrideSchema),
        "Per-task changes keyed by phase id (`design`, `spec`, `task`, `execute` for the kiro preset).",
        "a mapping from phase id to overrides, e.g. `design: { approval_required: false }`",
      ),
    ),
    ...derivedFields(DERIVED_KIRO_WORKFLOW_KEYS),
  }),
  { id: "KiroWorkflow", description: "Per-task workflow settings (the original protocol's name)." },
);
fieldNotes.add(kiroWorkflow, {
  hint: "a mapping such as `kiro_workflow: { phases: { design: { approval_required: false } } }`",
});

const pathPattern = describe(
  pathString(explainPathPattern),
  "A pattern in CODEOWNERS syntax (`src/auth/**`, `/api/`, `*.proto`), without `!` or `[ ]`.",
  "write a pattern relative to the repository root, e.g. `src/auth/**`",
);

export const taskSchema = withMeta(
  z.strictObject({
    id: taskIdSchema,
    title: titleSchema,
    description: z._default(descriptionSchema, ""),
    dependencies: z._default(
      describe(
        z.array(z.string()),
        "Ids of tasks in this milestone that must be completed first.",
        "a list of task ids from this file, e.g. `[T1, T2]`",
      ),
      [],
    ),
    assignees: z._default(
      describe(
        z.array(loginSchema).check(
          z.maxLength(GITHUB_ASSIGNEES_MAX, {
            error: `has more than ${GITHUB_ASSIGNEES_MAX} entries, GitHub's limit per issue`,
          }),
        ),
        "GitHub logins assigned to the task's issue (at most 10).",
        "a list of GitHub logins, e.g. `[alice, bob]`",
      ),
      [],
    ),
    approvers: z.optional(
      describe(
        z.array(approverSchema),
        "Approvers for this task's gates. Default: the plan's approvers.",
        "a list of logins or `@org/team` slugs",
      ),
    ),
    approval: z.optional(approvalSchema),
    spec: z.optional(specSchema),
    kiro_workflow: z.optional(kiroWorkflow),
    source: z.optional(source),
    paths: z.optional(
      describe(
        z.array(pathPattern),
        "The code this task owns: a pull request into the default branch that changes a matching file fails `phasegate/gate` until the task's Task gate has passed (docs/merge-gate.md).",
        "a list of patterns such as `[src/auth/**, docs/auth.md]`",
      ),
    ),
    ...derivedFields(DERIVED_TASK_KEYS),
  }),
  { id: "Task", description: "A unit of work: becomes the issue `<id>: <title>`." },
);
fieldNotes.add(taskSchema, { hint: "a task is a mapping with at least `id` and `title`" });

export type TaskInput = z.output<typeof taskSchema>;
