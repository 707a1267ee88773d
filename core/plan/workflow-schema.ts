import { approvalSchema } from "./approval-schema.js";
import * as z from "zod/mini";
import { WORKFLOW_PRESETS } from "./presets.js";
import { deliverableSchema } from "./deliverable-schema.js";
import { booleanHint, durationSchema, phaseIdSchema } from "./field-schemas.js";
import { DERIVED_PHASE_KEYS } from "./legacy-fields.js";
import { derivedFields, describe, fieldNotes, withMeta } from "./schema-notes.js";

const weight = describe(
  z.int().check(z.positive(), z.maximum(100)),
  "Percent of a task this phase is worth. A task's phase weights sum to 100.",
  "a whole number from 1 to 100, without `%`",
);
const approvalRequired = describe(
  z.boolean(),
  "Leaving the phase needs an approval (`/approve` or an approving PR review).",
  booleanHint,
);
const deliverables = describe(
  z.array(deliverableSchema),
  "What the phase must produce before it can be completed. A list given in an override replaces the workflow's.",
  "a list of paths, `{ path, checks }` or `{ signal }` entries",
);
const timeLimit = describe(durationSchema, "A task longer than this in the phase is a blocker. Default: no limit.");
const onChange = describe(
  z.enum(["revoke", "keep"]),
  "What a change to approved deliverables does to the approval. Default `revoke`.",
  "`revoke` (a later change needs a new approval) or `keep`",
);

/** One phase of an inline workflow. */
export const phaseSchema = withMeta(
  z.strictObject({
    id: phaseIdSchema,
    title: z.optional(
      describe(z.string().check(z.regex(/\S/, { error: "is blank" })), "Display name. Default: the id, capitalised."),
    ),
    weight,
    approval_required: z._default(approvalRequired, false),
    deliverables: z._default(deliverables, []),
    time_limit: z.optional(timeLimit),
    on_change: z._default(onChange, "revoke"),
    approval: z.optional(approvalSchema),
  }),
  { id: "Phase", description: "A phase of an inline workflow." },
);
fieldNotes.add(phaseSchema, {
  hint: "a phase is a mapping such as `{ id: build, weight: 50, approval_required: true }`",
});

/** Per-task changes to one phase (`kiro_workflow.phases.<phase>`); unset fields keep the workflow's. */
export const phaseOverrideSchema = withMeta(
  z.strictObject({
    weight: z.optional(weight),
    approval_required: z.optional(approvalRequired),
    deliverables: z.optional(deliverables),
    time_limit: z.optional(timeLimit),
    on_change: z.optional(onChange),
    approval: z.optional(approvalSchema),
    ...derivedFields(DERIVED_PHASE_KEYS),
  }),
  { id: "PhaseOverride", description: "Changes to one phase for this task; unset fields keep the workflow's." },
);
fieldNotes.add(phaseOverrideSchema, { hint: "a mapping of changes, e.g. `{ approval_required: false }`" });

const presetIds = WORKFLOW_PRESETS.map((preset) => preset.id) as [string, ...string[]];

const inlineWorkflow = withMeta(
  z.strictObject({
    phases: describe(
      z.array(phaseSchema).check(z.minLength(1, { error: "needs at least one phase" })),
      "The phases, in order. Ids unique; weights sum to 100.",
    ),
  }),
  { id: "InlineWorkflow", description: "A custom workflow: the phases, in order." },
);

export const workflowSchema = describe(
  z.union([describe(z.enum(presetIds), "A workflow preset."), inlineWorkflow]),
  "The workflow every task follows: a preset name (default `kiro`) or `{ phases: [...] }`.",
  `a preset name (${presetIds.map((id) => `\`${id}\``).join(", ")}) or \`{ phases: [{ id, weight, approval_required, deliverables }] }\``,
);

export type PhaseInput = z.output<typeof phaseSchema>;
export type PhaseOverrideInput = z.output<typeof phaseOverrideSchema>;
