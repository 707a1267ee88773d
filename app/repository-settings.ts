import { z } from "zod";
import { parseDuration, type LabelOptions, type Permission } from "../core/index.js";

const color = z.string().regex(/^#?[0-9a-fA-F]{6}$/, "six hex digits, such as 5319e7");
const duration = z.string().refine((s) => parseDuration(s) !== undefined, "a duration such as 3d or 12h");

/**
 * `.github/phasegate.yml`: repository-wide settings (docs/app.md). Plans decide for themselves when
 * they set a value; these are the defaults for plans that do not, and the look of the labels.
 */
export const settingsSchema = z
  .object({
    min_approver_permission: z.enum(["read", "triage", "write", "maintain", "admin"]).default("write"),
    allow_self_approval: z.boolean().default(false),
    labels: z
      .object({
        prefix: z.string().min(1).max(30).optional(),
        phase_prefix: z.string().min(1).max(30).optional(),
        colors: z
          .object({
            managed: color,
            phase: color,
            ready: color,
            blocked: color,
            on_hold: color,
            dashboard: color,
          })
          .partial()
          .optional(),
        phase_colors: z.record(z.string(), color).optional(),
      })
      .default({}),
    /** Time limit per phase id, for phases whose plan sets none: longer is a blocker. */
    time_limits: z.record(z.string(), duration).default({}),
  })
  .strict();

export interface RepositorySettings {
  minApproverPermission: Permission;
  allowSelfApproval: boolean;
  labels: LabelOptions;
  timeLimitsMs: Record<string, number>;
}

export const DEFAULT_SETTINGS: RepositorySettings = readSettings({});

/** Settings from the file's parsed YAML (null when there is none); throws a readable error when invalid. */
export function readSettings(input: unknown): RepositorySettings {
  const parsed = settingsSchema.safeParse(input ?? {});
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(file)"}: ${i.message}`);
    throw new Error(`.github/phasegate.yml is not valid: ${problems.join("; ")}`);
  }
  const s = parsed.data;
  const c = s.labels.colors ?? {};
  const colors = Object.fromEntries(
    Object.entries({ ...c, onHold: c.on_hold, on_hold: undefined }).filter(([, v]) => v !== undefined),
  ) as LabelOptions["colors"];
  return {
    minApproverPermission: s.min_approver_permission,
    allowSelfApproval: s.allow_self_approval,
    labels: {
      ...(s.labels.prefix !== undefined && { prefix: s.labels.prefix }),
      ...(s.labels.phase_prefix !== undefined && { phasePrefix: s.labels.phase_prefix }),
      ...(colors && Object.keys(colors).length > 0 && { colors }),
      ...(s.labels.phase_colors && { phaseColors: s.labels.phase_colors }),
    },
    timeLimitsMs: Object.fromEntries(Object.entries(s.time_limits).map(([k, v]) => [k, parseDuration(v)!])),
  };
}
