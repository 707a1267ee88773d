import { approvalSchema } from "./approval-schema.js";
import * as z from "zod";
import { WORKFLOW_PRESETS } from "./presets.js";
import { deliverableSchema } from "./deliverable-schema.js";
import { booleanHint, durationSchema, phaseIdSchema } from "./field-schemas.js";
import { DERIVED_PHASE_KEYS } from "./legacy-fields.js";
import { derivedFields, describe, fieldNotes } from "./schema-notes.js";

const weight = describe(
  z.int().positive().max(100),
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
export const phaseSchema = z
  .strictObject({
    id: phaseIdSchema,
    title: describe(
      z.string().regex(/\S/, { error: "is blank" }),
      "Display name. Default: the id, capitalised.",
    ).optional(),
    weight,
    approval_required: approvalRequired.default(false),
    deliverables: deliverables.default([]),
    time_limit: timeLimit.optional(),
    on_change: onChange.default("revoke"),
    approval: approvalSchema.optional(),
  })
  .meta({ id: "Phase", description: "A phase of an inline workflow." });
fieldNotes.add(phaseSchema, {
  hint: "a phase is a mapping such as `{ id: build, weight: 50, approval_required: true }`",
});

/** Per-task changes to one phase (`kiro_workflow.phases.<phase>`); unset fields keep the workflow's. */
export const phaseOverrideSchema = z
  .strictObject({
    weight: weight.optional(),
    approval_required: approvalRequired.optional(),
    deliverables: deliverables.optional(),
    time_limit: timeLimit.optional(),
    on_change: onChange.optional(),
    approval: approvalSchema.optional(),
    ...derivedFields(DERIVED_PHASE_KEYS),
  })
  .meta({ id: "PhaseOverride", description: "Changes to one phase for this task; unset fields keep the workflow's." });
fieldNotes.add(phaseOverrideSchema, { hint: "a mapping of changes, e.g. `{ approval_required: false }`" });

const presetIds = WORKFLOW_PRESETS.map((preset) => preset.id) as [string, ...string[]];

const inlineWorkflow = z
  .strictObject({
    phases: describe(
      z.array(phaseSchema).min(1, { error: "needs at least one phase" }),
      "The phases, in order. Ids unique; weights sum to 100.",
    ),
  })
  .meta({ id: "InlineWorkflow", description: "A custom workflow: the phases, in order." });

export const workflowSchema = describe(
  z.union([describe(z.enum(presetIds), "A workflow preset."), inlineWorkflow]),
  "The workflow every task follows: a preset name (default `kiro`) or `{ phases: [...] }`.",
  `a preset name (${presetIds.map((id) => `\`${id}\``).join(", ")}) or \`{ phases: [{ id, weight, approval_required, deliverables }] }\``,
);

export type PhaseInput = z.output<typeof phaseSchema>;
export type PhaseOverrideInput = z.output<typeof phaseOverrideSchema>;
