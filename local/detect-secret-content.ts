/**
 * Secrets found by content, with secretlint's recommended rules (a maintained detector: private
 * keys, cloud credentials, service-account JSON, tokens of the common services) rather than
 * patterns of our own. Used by checkpoints after the file-name rules (core/rules/looks-like-secret.ts).
 */
import { readIfExists } from "./read-regular-file.js";

/** Bytes read per file: secrets sit in small files; a large generated file is checked up to here. */
const MAX_BYTES = 2 * 1024 * 1024;

/**
 * secretlint and its rules, loaded on the first check only: every other command (status above all)
 * starts without them.
 */
type Lint = typeof import("@secretlint/core").lintSource;
let loading: Promise<{ lintSource: Lint; config: Parameters<Lint>[0]["options"]["config"] }> | undefined;
function loadSecretlint() {
  loading ??= Promise.all([import("@secretlint/core"), import("@secretlint/secretlint-rule-preset-recommend")]).then(
    ([core, preset]) => ({
      lintSource: core.lintSource,
      config: { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: preset.creator }] },
    }),
  );
  return loading;
}

export interface SecretFinding {
  /** The secretlint rule that matched, e.g. `@secretlint/secretlint-rule-privatekey`. */
  rule: string;
  message: string;
}

/** The first secret secretlint finds in the file at `absolute` (a regular file), or undefined. */
export async function detectSecretContent(absolute: string): Promise<SecretFinding | undefined> {
  const bytes = await readIfExists(absolute);
  if (bytes === undefined) return undefined;
  const head = bytes.subarray(0, MAX_BYTES);
  if (head.subarray(0, 8192).includes(0)) return undefined; // binary: secretlint's rules read text
  const { lintSource, config } = await loadSecretlint();
  const result = await lintSource({
    source: { filePath: profilerSafe(absolute), content: head.toString("utf8"), contentType: "text" },
    options: { config, maskSecrets: true },
  });
  const message = result.messages[0];
  // The message quotes the match masked as `****…`: keep the words, drop the stars.
  return message && { rule: message.ruleId, message: message.message.replace(/:?\s*\*{4,}/g, "").trim() };
}

/**
 * The path as secretlint may see it: its rules read the name (`.npmrc`, `package.json`), but its
 * profiler builds performance-mark names from it and matches them with `.` and `::end||`, so a line
 * break, `:` or `|` in a file name made it measure a mark that does not exist and crash the process.
 */
function profilerSafe(path: string): string {
  // eslint-disable-next-line no-control-regex
  return path.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029:|]/g, "_");
}
