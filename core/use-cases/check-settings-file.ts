import type { FileReader } from "../ports.js";
import type { ParseSettingsResult } from "../settings/parse-repository-settings.js";
import { SETTINGS_PATH } from "../settings/settings-path.js";

/**
 * `.github/phasegate.yml` checked as `phasegate validate` checks it. Its parser (the yaml library
 * and the settings schema) loads here, only for a repository that has the file (ADR 38).
 */
export async function checkSettingsFile(text: string, file: string): Promise<ParseSettingsResult> {
  return (await import("../settings/parse-repository-settings.js")).parseRepositorySettings(text, file);
}

/**
 * The repository's settings file checked, when it has one: every plan's decisions depend on it, so
 * `validate` (the CLI's and the Action's) reports it with the plans. `shown` names it as the caller
 * shows paths.
 */
export async function checkRepositorySettings(
  files: FileReader,
  shown: (path: string) => string = (path) => path,
): Promise<{ file: string; ok: boolean; issues: ParseSettingsResult["issues"] } | undefined> {
  const found = await files.read(SETTINGS_PATH);
  if (!found) return undefined;
  const file = shown(SETTINGS_PATH);
  const { settings, issues } = await checkSettingsFile(found.text, file);
  return { file, ok: settings !== undefined, issues };
}
