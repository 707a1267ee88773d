import { DEFAULT_MESSAGE, explainSchemaIssues } from "../plan/explain-schema-issues.js";
import { isRecord } from "../plan/is-record.js";
import type { Locator } from "../plan/locate.js";
import { parseDuration } from "../plan/parse-duration.js";
import type { PlanIssue } from "../plan/plan-error.js";
import { createReporter, sortIssues } from "../plan/plan-reporter.js";
import { readYaml } from "../plan/read-yaml.js";
import type { LabelOptions } from "../projection/labels.js";
import type { RepositorySettings } from "./repository-settings.js";
import { repositorySettingsSchema, type RepositorySettingsInput } from "./settings-schema.js";

import { SETTINGS_PATH } from "./settings-path.js";

export { SETTINGS_PATH };

export interface ParseSettingsResult {
  /** Present only when no issue is an error. */
  settings?: RepositorySettings;
  /** Every problem, at `file:line:column` like a plan's. */
  issues: PlanIssue[];
}

/** `.github/phasegate.yml`'s text → the settings it sets (nothing defaulted). Never throws. */
export function parseRepositorySettings(text: string, file = SETTINGS_PATH): ParseSettingsResult {
  const { source, issues } = readYaml(text, file);
  if (!source) return { issues: sortIssues(issues) };
  return readSettingsValue(source.value, file, source.locate, issues);
}

/**
 * Settings from data already parsed (the App's `_extends`, resolved by Probot: no positions, so
 * its problems point at the file's first line). An empty file sets nothing.
 */
export function readSettingsValue(
  value: unknown,
  file = SETTINGS_PATH,
  locate: Locator = () => ({ line: 1, column: 1 }),
  earlier: PlanIssue[] = [],
): ParseSettingsResult {
  const reporter = createReporter(file, locate);
  const done = (settings?: RepositorySettings): ParseSettingsResult => {
    const issues = sortIssues([...earlier, ...reporter.issues]);
    return settings && !issues.some((i) => i.severity === "error") ? { settings, issues } : { issues };
  };
  const data = value ?? {};
  if (!isRecord(data)) {
    reporter.error([], "the settings file must be a mapping of keys such as `labels` and `time_limits`", {
      code: "not-a-mapping",
      hint: "see docs/app.md#settings-githubphasegateyml for an example",
    });
    return done();
  }
  const parsed = repositorySettingsSchema.safeParse(data, { reportInput: true, error: () => DEFAULT_MESSAGE });
  if (!parsed.success) {
    explainSchemaIssues(parsed.error.issues, repositorySettingsSchema, data, reporter);
    return done();
  }
  return done(toSettings(parsed.data));
}

function toSettings(s: RepositorySettingsInput): RepositorySettings {
  const settings: RepositorySettings = { labels: toLabels(s.labels), timeLimitsMs: {} };
  if (s.min_approver_permission !== undefined) settings.minApproverPermission = s.min_approver_permission;
  if (s.allow_self_approval !== undefined) settings.allowSelfApproval = s.allow_self_approval;
  if (s.auto_start !== undefined) settings.autoStart = s.auto_start;
  if (s._extends !== undefined) settings.extends = s._extends;
  if (s.teams) {
    settings.teams = {};
    for (const [team, members] of Object.entries(s.teams))
      settings.teams[team.toLowerCase()] = members.map((m) => m.toLowerCase());
  }
  for (const [phase, limit] of Object.entries(s.time_limits ?? {}))
    settings.timeLimitsMs[phase] = parseDuration(limit)!;
  return settings;
}

function toLabels(input: RepositorySettingsInput["labels"]): LabelOptions {
  if (!input) return {};
  const labels: LabelOptions = {};
  if (input.prefix !== undefined) labels.prefix = input.prefix;
  if (input.phase_prefix !== undefined) labels.phasePrefix = input.phase_prefix;
  const { on_hold: onHold, ...rest } = input.colors ?? {};
  const colors = Object.fromEntries(
    Object.entries({ ...rest, onHold }).filter((e): e is [string, string] => e[1] !== undefined),
  );
  if (Object.keys(colors).length > 0) labels.colors = colors;
  if (input.phase_colors && Object.keys(input.phase_colors).length > 0) labels.phaseColors = { ...input.phase_colors };
  return labels;
}
