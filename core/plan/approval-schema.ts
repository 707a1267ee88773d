import * as z from "zod/mini";
import { approverSchema, booleanHint } from "./field-schemas.js";
import { describe, fieldNotes, withMeta } from "./schema-notes.js";

/** Most approvals one group may ask for: more is a typo, not a policy. */
export const APPROVAL_COUNT_MAX = 20;

/** One group of an approval rule: `count` approvals from `from` (and/or the code owners). */
export const approvalGroupSchema = withMeta(
  z.strictObject({
    count: z._default(
      describe(
        z.int().check(z.positive(), z.maximum(APPROVAL_COUNT_MAX)),
        "How many distinct approvers of this group the gate needs. Default 1.",
        `a whole number from 1 to ${APPROVAL_COUNT_MAX}`,
      ),
      1,
    ),
    from: z._default(
      describe(
        z.array(approverSchema),
        "Who counts: GitHub logins and `@org/team`. Empty (and no `codeowners`): any collaborator with the minimum permission.",
        'a list of logins or `@org/team` slugs, e.g. `["@acme/core", alice]`',
      ),
      [],
    ),
    codeowners: z._default(
      describe(
        z.boolean(),
        "The code owners of the phase's deliverables (CODEOWNERS on the default branch) count too: `count` approvals from the owners of each deliverable.",
        booleanHint,
      ),
      false,
    ),
  }),
  {
    id: "ApprovalGroup",
    description: "`count` approvals from the people and teams of `from` (or the code owners).",
  },
);
fieldNotes.add(approvalGroupSchema, {
  hint: 'a group is a mapping such as `{ count: 2, from: ["@acme/core"] }` or `{ codeowners: true }`',
});

/** A gate's rule: every group must be satisfied. */
export const approvalSchema = describe(
  z.array(approvalGroupSchema).check(z.minLength(1, { error: "needs at least one group" })),
  "Who must approve a gate: every group must be satisfied (e.g. one of `@acme/security` and two of `@acme/core`). Replaces `approvers` at the same level.",
  'a list of groups, e.g. `[{ from: ["@acme/security"] }, { count: 2, from: ["@acme/core"] }]`',
);

export type ApprovalInput = z.output<typeof approvalSchema>;
