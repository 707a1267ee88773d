import * as z from "zod";
import { describe } from "../plan/schema-notes.js";
import { booleanHint, durationSchema, loginSchema } from "../plan/field-schemas.js";

const color = describe(
  z.string().regex(/^#?[0-9a-fA-F]{6}$/, { error: "is not a colour" }),
  "A label colour: six hex digits.",
  "six hex digits, such as `5319e7`",
);
const labelStem = describe(
  z.string().min(1).max(30),
  "Text that starts a label name.",
  "1 to 30 characters, such as `phasegate`",
);

/**
 * `.github/phasegate.yml`: repository-wide settings (docs/app.md). Nothing defaults here: a key the
 * file leaves out stays unset, so a plan's value, then the file's, then the built-in default applies
 * (core/plan/merge-settings.ts). `_extends` is Probot's: a shell that can follow it does.
 */
export const repositorySettingsSchema = z.strictObject({
  _extends: z.string().min(1).optional(),
  min_approver_permission: describe(
    z.enum(["read", "triage", "write", "maintain", "admin"]),
    "Minimum repository permission an approver needs, for plans that set none.",
    "one of `read`, `triage`, `write`, `maintain`, `admin`",
  ).optional(),
  allow_self_approval: describe(
    z.boolean(),
    "Let an assignee or claimant approve their own task's gates, for plans that set nothing.",
    booleanHint,
  ).optional(),
  auto_start: describe(
    z.boolean(),
    "Start ready tasks of an active milestone by themselves, for plans that set nothing.",
    booleanHint,
  ).optional(),
  labels: z
    .strictObject({
      prefix: labelStem.optional(),
      phase_prefix: labelStem.optional(),
      colors: z
        .strictObject({
          managed: color.optional(),
          phase: color.optional(),
          ready: color.optional(),
          blocked: color.optional(),
          on_hold: color.optional(),
          dashboard: color.optional(),
        })
        .optional(),
      phase_colors: z.record(z.string(), color).optional(),
    })
    .optional(),
  /**
   * Members of `@org/team` where the forge cannot tell (local mode, a token without organisation
   * access): used only when the GitHub API gives no answer.
   */
  teams: describe(
    z.record(
      z.string().regex(/^@[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/),
      z.array(loginSchema),
    ),
    "Members of each `@org/team`, for approval rules where GitHub cannot be asked (local mode).",
    'a mapping such as `"@acme/core": [alice, bob]`',
  ).optional(),
  /** Time limit per phase id, for phases whose plan sets none: longer is a blocker. */
  time_limits: z.record(z.string(), durationSchema).optional(),
});

export type RepositorySettingsInput = z.output<typeof repositorySettingsSchema>;
