import type { PlanIssue } from "../plan/plan-error.js";
import type { FileSnapshot, Snapshot } from "../ports.js";
import type { ParseSettingsResult } from "../settings/parse-repository-settings.js";
import { SETTINGS_PATH } from "../settings/settings-path.js";
import { NO_SETTINGS, type RepositorySettings } from "../settings/repository-settings.js";
import type { Context } from "./context.js";
import { checkSettingsFile } from "./check-settings-file.js";
import { throughPlanCache } from "./through-plan-cache.js";

export interface ReadSettings {
  /** Undefined when the file is invalid (see `issues`). */
  settings?: RepositorySettings;
  /** The file's blob id; undefined when the repository has none. */
  version?: string;
  issues: PlanIssue[];
  notices: string[];
  /** The settings came through `_extends` (their content is more than this blob). */
  extended: boolean;
}

/**
 * `.github/phasegate.yml` from `snapshot` (the default branch's, the plan's own): none means no
 * settings. A file with `_extends` is followed by the shell that can (the App, through the
 * context); elsewhere its own keys apply and a notice says so.
 */
export async function readRepositorySettings(ctx: Context, snapshot: Snapshot): Promise<ReadSettings> {
  const file = await snapshot.read(SETTINGS_PATH);
  if (!file) return { settings: NO_SETTINGS, issues: [], notices: [], extended: false };
  const own = await parseSettingsCached(ctx, file);
  const base = { version: file.version, issues: own.issues, notices: [] as string[], extended: false };
  if (!own.settings) return base;
  const target = own.settings.extends;
  if (target === undefined) return { ...base, settings: own.settings };
  if (!ctx.extendSettings) {
    const notice = `${SETTINGS_PATH} extends \`${target}\`, which only the App follows; here its own keys apply`;
    return { ...base, settings: own.settings, notices: [notice] };
  }
  const { readSettingsValue } = await import("../settings/parse-repository-settings.js");
  const resolved = readSettingsValue(await ctx.extendSettings(file), file.path);
  return {
    ...base,
    issues: resolved.issues,
    extended: true,
    ...(resolved.settings && { settings: resolved.settings }),
  };
}

/**
 * The file's own settings, through the plan cache: the same blob always parses the same, so a
 * command in a repository with the file loads neither the yaml library nor the settings schema once
 * it was read (the parser loads only on a miss).
 */
export async function parseSettingsCached(ctx: Context, file: FileSnapshot): Promise<ParseSettingsResult> {
  return parseSettingsBlobCached(ctx, { path: file.path, version: file.version, read: async () => file.text });
}

/**
 * parseSettingsCached for a settings blob known by its id, whose text is read only on a cache miss
 * (an older version the audit cites); undefined when it cannot be read (nothing is cached then).
 */
export async function parseSettingsBlobCached<Text extends string | undefined>(
  ctx: Context,
  blob: { path: string; version: string; read: () => Promise<Text> },
): Promise<ParseSettingsResult | Exclude<Text, string>> {
  const parse = async (): Promise<ParseSettingsResult | Exclude<Text, string>> => {
    const text = await blob.read();
    return text === undefined ? (undefined as Exclude<Text, string>) : checkSettingsFile(text, blob.path);
  };
  const key = `settings:${blob.path}@${blob.version}`;
  return (await throughPlanCache(ctx, key, parse, { render: JSON.stringify, read: readCachedSettings })).value;
}

function readCachedSettings(text: string): ParseSettingsResult | undefined {
  try {
    const value = JSON.parse(text) as Partial<ParseSettingsResult> | null;
    if (!value || !Array.isArray(value.issues)) return undefined;
    if (value.settings !== undefined && (typeof value.settings !== "object" || value.settings === null))
      return undefined;
    return value as ParseSettingsResult;
  } catch {
    return undefined;
  }
}
