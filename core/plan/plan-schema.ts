import { approvalSchema } from "./approval-schema.js";
import * as z from "zod/mini";
import { DEFAULT_WORKFLOW } from "./presets.js";
import { explainBranchName } from "./explain-branch-name.js";
import {
  approverSchema,
  booleanHint,
  descriptionSchema,
  durationSchema,
  milestoneIdSchema,
  titleSchema,
} from "./field-schemas.js";
import { DERIVED_PLAN_KEYS } from "./legacy-fields.js";
import { derivedFields, describe, fieldNotes, withMeta } from "./schema-notes.js";
import { taskSchema } from "./task-schema.js";
import { workflowSchema } from "./workflow-schema.js";

const branch = describe(
  z.string().check(
    z.superRefine((name: string, ctx) => {
      const problem = explainBranchName(name);
      if (problem) ctx.addIssue({ code: "custom", message: problem, params: { code: "invalid-branch" } });
    }),
  ),
  "Branch that receives checkpoints and the event log. Default `milestone/<id>`.",
  "a git branch name such as `milestone/auth-v2` (see `git check-ref-format`)",
);

const testCommand = describe(
  z.union([
    z.string().check(z.regex(/\S/, { error: "is blank" })),
    z.array(z.string().check(z.minLength(1))).check(z.minLength(1, { error: "is an empty list" })),
  ]),
  "Local mode: the command whose exit status is the `ci_green` signal. A string is split on whitespace; a list is the argv. Never run through a shell.",
  "a command such as `npm test`, or a list like `[make, test]` when an argument contains spaces",
);

export const settingsSchema = withMeta(
  z.strictObject({
    allow_self_approval: z.optional(
      describe(
        z.boolean(),
        "Let an assignee or claimant approve their own task's gates. Unset: `.github/phasegate.yml`'s value, else `false`.",
        booleanHint,
      ),
    ),
    min_approver_permission: z.optional(
      describe(
        z.enum(["read", "triage", "write", "maintain", "admin"]),
        "Minimum repository permission an approver needs, checked through the GitHub API. Unset: `.github/phasegate.yml`'s value, else `write`.",
        "one of `read`, `triage`, `write`, `maintain`, `admin`",
      ),
    ),
    checkpoint_min_changes: z._default(
      describe(
        z.int().check(z.positive(), z.maximum(100_000)),
        "Changed files that trigger an automatic checkpoint commit.",
        "a whole number above 0",
      ),
      10,
    ),
    claim_ttl: z._default(durationSchema, "4h"),
    auto_start: z.optional(
      describe(
        z.boolean(),
        "Start every ready task of an active milestone as soon as it is ready (activation, a dependency completed, an unhold). `false`: ready tasks wait for `start` or `claim`. Unset: `.github/phasegate.yml`'s value, else `true`.",
        booleanHint,
      ),
    ),
    test_command: z.optional(testCommand),
  }),
  { id: "Settings", description: "Milestone-wide settings." },
);
fieldNotes.add(settingsSchema, { hint: "a mapping such as `settings: { claim_ttl: 4h, test_command: npm test }`" });

/**
 * The plan file, format version 1: the single source of the format. Validation, the `Plan` type's
 * input and the editors' JSON Schema (`renderJsonSchema`) all come from here.
 */
export const planSchema = withMeta(
  z.strictObject({
    version: describe(z.literal(1), "Plan format version.", "write `version: 1`"),
    id: milestoneIdSchema,
    title: titleSchema,
    description: z._default(descriptionSchema, ""),
    due: z.optional(
      describe(
        z.iso.date({ error: "is not a date" }),
        "Due date, YYYY-MM-DD.",
        "write the date as YYYY-MM-DD, e.g. `2026-12-31`",
      ),
    ),
    dependencies: z.optional(
      withMeta(
        z.strictObject({
          requires: z._default(
            describe(
              z.array(milestoneIdSchema),
              "Milestones that must be completed before this one may be activated.",
              "a list of milestone ids, e.g. `[infra-base]`",
            ),
            [],
          ),
        }),
        { description: "Milestone-level dependencies." },
      ).register(fieldNotes, { hint: "write `dependencies: { requires: [other-milestone] }`" }),
    ),
    branch: z.optional(branch),
    approvers: z._default(
      describe(
        z.array(approverSchema),
        "Default approvers for every gate: GitHub logins or `@org/team`.",
        'a list of logins or `@org/team` slugs, e.g. `[alice, "@acme/security"]`',
      ),
      [],
    ),
    approval: z.optional(approvalSchema),
    workflow: z._default(workflowSchema, DEFAULT_WORKFLOW),
    settings: z.optional(settingsSchema),
    tasks: describe(
      z.array(taskSchema).check(z.minLength(1, { error: "is empty: a milestone needs at least one task" })),
      "The tasks. Each becomes an issue.",
      "add at least one task with `id` and `title`",
    ),
    ...derivedFields(DERIVED_PLAN_KEYS),
  }),
  { title: "Phasegate milestone plan", description: "A milestone plan: .milestones/<id>.yaml" },
);

export type PlanInput = z.output<typeof planSchema>;
