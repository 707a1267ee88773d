import * as z from "zod/mini";
import { describe } from "../plan/schema-notes.js";
import { booleanHint, durationSchema, loginSchema } from "../plan/field-schemas.js";

const color = describe(
  z.string().check(z.regex(/^#?[0-9a-fA-F]{6}$/, { error: "is not a colour" })),
  "A label colour: six hex digits.",
  "six hex digits, such as `5319e7`",
);
const labelStem = describe(
  z.string().check(z.minLength(1), z.maxLength(30)),
  "Text that starts a label name.",
  "1 to 30 characters, such as `phasegate`",
);

/**
 * `.github/phasegate.yml`: repository-wide settings (docs/app.md). Nothing defaults here: a key the
 * file leaves out stays unset, so a plan's value, then the file's, then the built-in default applies
 * (core/plan/merge-settings.ts). `_extends` is Probot's: a shell that can follow it does.
 */
export const repositorySettingsSchema = z.strictObject({
  _extends: z.optional(z.string().check(z.minLength(1))),
  min_approver_permission: z.optional(
    describe(
      z.enum(["read", "triage", "write", "maintain", "admin"]),
      "Minimum repository permission an approver needs, for plans that set none.",
      "one of `read`, `triage`, `write`, `maintain`, `admin`",
    ),
  ),
  allow_self_approval: z.optional(
    describe(
      z.boolean(),
      "Let an assignee or claimant approve their own task's gates, for plans that set nothing.",
      booleanHint,
    ),
  ),
  auto_start: z.optional(
    describe(
      z.boolean(),
      "Start ready tasks of an active milestone by themselves, for plans that set nothing.",
      booleanHint,
    ),
  ),
  labels: z.optional(
    z.strictObject({
      prefix: z.optional(labelStem),
      phase_prefix: z.optional(labelStem),
      colors: z.optional(
        z.strictObject({
          managed: z.optional(color),
          phase: z.optional(color),
          ready: z.optional(color),
          blocked: z.optional(color),
          on_hold: z.optional(color),
          dashboard: z.optional(color),
        }),
      ),
      phase_colors: z.optional(z.record(z.string(), color)),
    }),
  ),
  /**
   * Members of `@org/team` where the forge cannot tell (local mode, a token without organisation
   * access): used only when the GitHub API gives no answer.
   */
  teams: z.optional(
    describe(
      z.record(
        z.string().check(z.regex(/^@[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/)),
        z.array(loginSchema),
      ),
      "Members of each `@org/team`, for approval rules where GitHub cannot be asked (local mode).",
      'a mapping such as `"@acme/core": [alice, bob]`',
    ),
  ),
  /** Time limit per phase id, for phases whose plan sets none: longer is a blocker. */
  time_limits: z.optional(z.record(z.string(), durationSchema)),
});

export type RepositorySettingsInput = z.output<typeof repositorySettingsSchema>;
