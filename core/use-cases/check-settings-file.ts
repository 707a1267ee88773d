import type { ParseSettingsResult } from "../settings/parse-repository-settings.js";

/**
 * `.github/phasegate.yml` checked as `phasegate validate` checks it. Its parser (the yaml library
 * and the settings schema) loads here, only for a repository that has the file (ADR 38).
 */
export async function checkSettingsFile(text: string, file: string): Promise<ParseSettingsResult> {
  return (await import("../settings/parse-repository-settings.js")).parseRepositorySettings(text, file);
}
